/*! Teilhabe widget v1: a process's events or working groups on any page. See README.md beside it. */
(function () {
  "use strict";
  var W = window, D = document;
  if (W.TeilhabeWidget) return;

  var TEXT = {
    de: {
      events: "Nächste Termine", groups: "Arbeitsgruppen", loading: "Wird geladen …",
      error: "Die Angaben können gerade nicht geladen werden.", none: "Zurzeit keine Einträge.",
      all: "Alle Termine und Arbeitsgruppen", signup: "Anmelden", details: "Details", online: "Online",
      stepFree: "stufenloser Zugang", one: "1 Platz frei", free: "# Plätze frei",
      open: "Anmeldung offen", waitlist: "Warteliste", full: "Ausgebucht", closed: "Anmeldung geschlossen",
      opens: "Anmeldung ab ", until: "Anmeldung bis ", cancelled: "Abgesagt", postponed: "Verschoben",
      invite: "Nur mit Einladung", application: "Mitarbeit auf Bewerbung", appointed: "Mitglieder werden berufen"
    },
    en: {
      events: "Upcoming events", groups: "Working groups", loading: "Loading …",
      error: "This information cannot be loaded right now.", none: "Nothing here at the moment.",
      all: "All events and working groups", signup: "Sign up", details: "Details", online: "Online",
      stepFree: "step-free access", one: "1 place left", free: "# places left",
      open: "Registration open", waitlist: "Waiting list", full: "Fully booked", closed: "Registration closed",
      opens: "Registration opens ", until: "Sign up by ", cancelled: "Cancelled", postponed: "Postponed",
      invite: "By invitation only", application: "Membership by application", appointed: "Members are appointed"
    },
    ar: {
      events: "المواعيد القادمة", groups: "مجموعات العمل", loading: "جارٍ التحميل …",
      error: "تعذّر تحميل المعلومات الآن.", none: "لا شيء هنا حاليًا.",
      all: "كل المواعيد ومجموعات العمل", signup: "التسجيل", details: "التفاصيل", online: "عبر الإنترنت",
      stepFree: "دخول بدون درج", free: "الأماكن المتاحة: #",
      open: "التسجيل مفتوح", waitlist: "قائمة الانتظار", full: "مكتمل العدد", closed: "التسجيل مغلق",
      opens: "يبدأ التسجيل في ", until: "التسجيل حتى ", cancelled: "أُلغي", postponed: "تأجّل",
      invite: "بدعوة فقط", application: "العضوية بطلب", appointed: "يُعيَّن الأعضاء"
    },
    tr: {
      events: "Yaklaşan etkinlikler", groups: "Çalışma grupları", loading: "Yükleniyor …",
      error: "Bilgiler şu anda yüklenemiyor.", none: "Şu anda kayıt yok.",
      all: "Tüm etkinlikler ve çalışma grupları", signup: "Kaydol", details: "Ayrıntılar", online: "Çevrim içi",
      stepFree: "basamaksız giriş", free: "# yer boş",
      open: "Kayıt açık", waitlist: "Bekleme listesi", full: "Yer kalmadı", closed: "Kayıt kapalı",
      opens: "Kayıt başlangıcı: ", until: "Son kayıt: ", cancelled: "İptal edildi", postponed: "Ertelendi",
      invite: "Yalnızca davetle", application: "Başvuru ile üyelik", appointed: "Üyeler atanır"
    },
    uk: {
      events: "Найближчі заходи", groups: "Робочі групи", loading: "Завантаження …",
      error: "Зараз не вдається завантажити інформацію.", none: "Зараз тут нічого немає.",
      all: "Усі заходи та робочі групи", signup: "Зареєструватися", details: "Докладніше", online: "Онлайн",
      stepFree: "вхід без сходів", free: "Вільних місць: #",
      open: "Реєстрацію відкрито", waitlist: "Лист очікування", full: "Місць немає", closed: "Реєстрацію закрито",
      opens: "Реєстрація з ", until: "Реєстрація до ", cancelled: "Скасовано", postponed: "Перенесено",
      invite: "Лише за запрошенням", application: "Участь за заявкою", appointed: "Членів призначають"
    },
    ru: {
      events: "Ближайшие мероприятия", groups: "Рабочие группы", loading: "Загрузка …",
      error: "Сейчас не удаётся загрузить информацию.", none: "Сейчас здесь ничего нет.",
      all: "Все мероприятия и рабочие группы", signup: "Записаться", details: "Подробнее", online: "Онлайн",
      stepFree: "вход без ступенек", free: "Свободных мест: #",
      open: "Запись открыта", waitlist: "Лист ожидания", full: "Мест нет", closed: "Запись закрыта",
      opens: "Запись с ", until: "Запись до ", cancelled: "Отменено", postponed: "Перенесено",
      invite: "Только по приглашению", application: "Участие по заявке", appointed: "Участников назначают"
    },
    fa: {
      events: "برنامه‌های پیش رو", groups: "گروه‌های کاری", loading: "در حال بارگذاری …",
      error: "اطلاعات در حال حاضر بارگذاری نمی‌شود.", none: "فعلاً موردی نیست.",
      all: "همه برنامه‌ها و گروه‌های کاری", signup: "ثبت‌نام", details: "جزئیات", online: "آنلاین",
      stepFree: "ورودی بدون پله", free: "جای خالی: #",
      open: "ثبت‌نام باز است", waitlist: "فهرست انتظار", full: "ظرفیت تکمیل است", closed: "ثبت‌نام بسته است",
      opens: "شروع ثبت‌نام: ", until: "ثبت‌نام تا ", cancelled: "لغو شد", postponed: "به تعویق افتاد",
      invite: "فقط با دعوت", application: "عضویت با درخواست", appointed: "اعضا منصوب می‌شوند"
    }
  };
  // Leichte Sprache reads the German words; its content comes from the API (?lang=de-x-ls).
  TEXT["de-x-ls"] = TEXT.de;
  var LOCALE = { de: "de-DE", "de-x-ls": "de-DE", en: "en-GB", ar: "ar", tr: "tr-TR", uk: "uk-UA", ru: "ru-RU", fa: "fa-IR" };
  var RTL = { ar: 1, fa: 1 };
  var CSS =
    ":host{display:block}" +
    ".w{font-family:var(--teilhabe-font,inherit);line-height:1.5;color:var(--teilhabe-text,#1a1a1a);" +
    "background:var(--teilhabe-background,#fff);border:1px solid var(--teilhabe-border,#767676);" +
    "border-radius:var(--teilhabe-radius,8px);padding:var(--teilhabe-gap,1rem)}" +
    "h1,h2,h3,h4,h5,h6{font-size:1.25em;margin:0 0 .5em}" +
    "li>:first-child{font-size:1.05em}p{margin:0}" +
    "ul{list-style:none;margin:0 0 var(--teilhabe-gap,1rem);padding:0}" +
    "li{padding:var(--teilhabe-gap,1rem) 0;border-top:1px solid var(--teilhabe-border,#767676)}" +
    "li>:last-child,.m{margin-top:.5em}.s{font-weight:700}" +
    "a{color:var(--teilhabe-accent,var(--teilhabe-brand,#0b57a4))}" +
    "a:focus-visible{outline:3px solid var(--teilhabe-accent,var(--teilhabe-brand,#0b57a4));outline-offset:2px}" +
    ".b{display:inline-block;padding:.35em .9em;border-radius:var(--teilhabe-radius,8px);font-weight:700;" +
    "text-decoration:none;background:var(--teilhabe-accent,var(--teilhabe-brand,#0b57a4));color:var(--teilhabe-background,#fff)}" +
    ".v{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}";

  var ORIGIN, cache = {}, s = D.currentScript;
  if (!s || s.src.indexOf("/widget/v1.js") < 0) s = D.querySelector('script[src*="/widget/v1.js"]');
  try { ORIGIN = new URL(s.src).origin; } catch (e) { ORIGIN = location.origin; }

  function getJSON(url) {
    if (!cache[url]) {
      cache[url] = new Promise(function (resolve, reject) {
        setTimeout(reject, 15000);
        fetch(url, { headers: { Accept: "application/json" } }).then(function (r) {
          return r.ok ? r.json() : Promise.reject();
        }).then(resolve, reject);
      });
    }
    return cache[url];
  }

  function h(tag, attrs, kids) {
    var el = D.createElement(tag), k;
    for (k in attrs) if (attrs[k] != null) el.setAttribute(k, attrs[k]);
    [].concat(kids).forEach(function (c) {
      if (c != null && c !== "") el.appendChild(typeof c == "object" ? c : D.createTextNode(c));
    });
    return el;
  }

  function fmt(lang, zone, time, weekday) {
    return new Intl.DateTimeFormat(LOCALE[lang], { weekday: weekday, day: "numeric", month: "long", year: "numeric",
      hour: time ? "2-digit" : void 0, minute: time ? "2-digit" : void 0, timeZone: zone });
  }

  function when(ev, lang) {
    var f = fmt(lang, ev.timezone, 1, "short"), a = new Date(ev.starts_at), b = new Date(ev.ends_at);
    return f.formatRange && b > a ? f.formatRange(a, b) : f.format(a);
  }

  function day(iso, lang) {
    var p = iso.split(/\D/);
    return fmt(lang, "UTC", !/23:59|00:00/.test(iso.slice(11, 16))).format(new Date(Date.UTC(p[0], p[1] - 1, p[2], p[3], p[4])));
  }

  function seats(left, waitlist, t) {
    return left == null ? t.open : left > 0 ? (left == 1 && t.one || t.free).replace("#", left) : waitlist ? t.waitlist : t.full;
  }

  function eventItem(ev, c) {
    var t = c.t, v = ev.venue, place = [], state, canSign = false;
    if (v) place.push(h("bdi", null, [v.name, v.room, v.address].filter(Boolean).join(", ")), v.step_free ? " (" + t.stepFree + ")" : "");
    if (ev.format != "in_person") place.push(v ? " + " + t.online : t.online);
    if (ev.status == "cancelled" || ev.status == "postponed") state = t[ev.status];
    else if (ev.invitation_only) state = t.invite;
    else if (!ev.registration_open) {
      state = ev.registration_opens_at && new Date(ev.registration_opens_at) > new Date() ? t.opens + day(ev.registration_opens_at, c.lang) : t.closed;
    } else {
      canSign = ev.seats_left !== 0 || ev.waitlist_enabled;
      state = seats(ev.seats_left, ev.waitlist_enabled, t);
    }
    return h("li", null, [
      h("h" + c.sub, said(ev, "title"), ev.title),
      h("p", null, h("time", { datetime: ev.starts_at }, when(ev, c.lang))),
      place.length ? h("p", null, place) : null,
      h("p", { class: "s" }, state),
      link(c, "events/" + ev.id, canSign ? t.signup : t.details, ev.title, canSign)
    ]);
  }

  function groupItem(g, c) {
    var t = c.t, state, mode = g.membership_mode;
    if (mode == "appointed") state = t.appointed;
    else if (!g.signup_open) state = t.closed;
    else state = mode == "application" ? t.application : seats(g.places_left, true, t);
    return h("li", null, [
      h("h" + c.sub, said(g, "name"), g.name),
      h("p", { class: "s" }, state),
      g.signup_open && g.signup_deadline ? h("p", null, t.until + day(g.signup_deadline, c.lang)) : null,
      mode == "appointed" ? null : link(c, "groups/" + g.id, g.signup_open ? t.signup : t.details, g.name, g.signup_open)
    ]);
  }

  // A text nobody translated comes in the city's language: said so, for screen readers' voices.
  function said(item, field) {
    var l = (item.untranslated || {})[field];
    return l ? { lang: l, dir: RTL[l] ? "rtl" : "ltr" } : null;
  }

  function link(c, path, label, title, button) {
    return h("p", null, h("a", { href: c.page(path), class: button ? "b" : null },
      [label, h("span", { class: "v" }, " – " + title)]));
  }

  function num(v, d, max) {
    return Math.min(Math.max(parseInt(v, 10) || d, 1), max);
  }

  function mount(el) {
    if (el.__teilhabe) return;
    el.__teilhabe = 1;
    var data = el.dataset, tagged = el.closest("[lang]");
    var lang = (data.lang || tagged && tagged.lang || "").toLowerCase();
    if (!TEXT[lang]) lang = lang.slice(0, 2);
    if (!TEXT[lang]) lang = "de";
    var t = TEXT[lang];
    var level = num(data.headingLevel, 2, 6);
    var show = data.show == "groups" ? "groups" : "events";
    var limit = num(data.limit, 5, 100);
    var org = data.org || "", proc = data.process || "";
    var site = (data.site || ORIGIN).replace(/\/+$/, "") + "/" + encodeURIComponent(org);
    // the site opens in the widget's language (?lang=, kept there like its language switch)
    var c = { t: t, lang: lang, sub: Math.min(level + 1, 6), page: function (path) {
      return site + (path ? "/" + path : "") + (lang == "de" ? "" : "?lang=" + lang);
    } };
    var root = el.attachShadow({ mode: "open" });
    var status = h("p", { role: "status" }, t.loading);
    var box = h("div", { class: "w", lang: lang, dir: RTL[lang] ? "rtl" : "ltr" }, [h("h" + level, null, data.title || t[show]), status]);
    var more = h("p", { class: "m" }, h("a", { href: c.page() }, t.all));
    root.appendChild(h("style", null, CSS));
    root.appendChild(box);

    var api = ORIGIN + "/api/v1/orgs/" + encodeURIComponent(org);
    var today = new Date(Date.now() - new Date().getTimezoneOffset() * 6e4).toISOString().slice(0, 10);
    // the city's texts in the widget's language where translated (each text falls back on its own)
    var url = show == "groups" ? api + "/processes/" + encodeURIComponent(proc) + "?lang=" + lang
      : api + "/events?" + (proc ? "process=" + encodeURIComponent(proc) + "&" : "") +
        "from=" + today + "&limit=" + limit + "&lang=" + lang;
    var list = org && (show == "events" || proc) ? getJSON(url) : Promise.reject();
    // the city's brand colour is the accent unless the page sets --teilhabe-accent itself
    if (org) getJSON(api).then(function (city) {
      if (/^#[0-9a-f]{6}$/i.test(city.brand_color)) box.style.setProperty("--teilhabe-brand", city.brand_color);
    }, function () {});
    list.then(function (json) {
      var items = (show == "groups" ? json.groups : json.items).slice(0, limit);
      status.textContent = items.length ? "" : t.none;
      if (items.length) box.insertBefore(h("ul", null, items.map(function (x) {
        return show == "groups" ? groupItem(x, c) : eventItem(x, c);
      })), status);
    }).catch(function () {
      status.textContent = t.error;
    }).then(function () {
      box.appendChild(more);
    });
  }

  function scan() {
    [].forEach.call(D.querySelectorAll("[data-teilhabe-widget]"), function (el) {
      try { mount(el); } catch (e) { /* never break the host page */ }
    });
  }

  W.TeilhabeWidget = { scan: scan };
  if (D.readyState == "loading") D.addEventListener("DOMContentLoaded", scan);
  else scan();
})();
