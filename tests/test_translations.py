"""Translated content: residents read the city's texts in their language, each text falling back to the
city's default where nobody translated it (and saying so); staff keep translations side by side with the
original, see what is missing or out of date, and hand whole processes to a translation agency."""

from __future__ import annotations

from typing import Any
from xml.etree import ElementTree

import httpx
import pytest
from defusedxml import ElementTree as SafeXML

from api.integrations import caching
from api.main import create_app
from tests import conftest
from tests.builders import fetch, problem, published_event, published_group, published_process
from tests.conftest import City
from tests.signup_helpers import mails_to, person, with_privacy_notice

XLIFF2 = "{urn:oasis:names:tc:xliff:document:2.0}"
XLIFF12 = "{urn:oasis:names:tc:xliff:document:1.2}"
LANGUAGES = ["de", "tr", "ar", "uk", "de-x-ls"]
QUESTION = {
    "id": "interpreting",
    "label": "Brauchen Sie eine Übersetzung?",
    "kind": "choice",
    "required": True,
    "options": ["Ja", "Nein"],
}


async def offer_languages(client: httpx.AsyncClient, city: City, languages: list[str] = LANGUAGES) -> None:
    response = await client.patch("/staff/organization", json={"languages": languages}, headers=city.headers)
    assert response.status_code == 200, response.text


async def translate(
    client: httpx.AsyncClient, city: City, subject: str, subject_id: str, field: str, language: str, text: str
) -> dict[str, Any]:
    body = {"subject": subject, "subject_id": subject_id, "field": field, "language": language, "text": text}
    response = await client.put("/staff/translations", json=body, headers=city.headers)
    assert response.status_code == 200, response.text
    return response.json()


async def scene(client: httpx.AsyncClient, city: City) -> dict[str, Any]:
    await offer_languages(client, city)
    process = await published_process(
        client, city.headers, description="Wir schreiben das Integrationskonzept.", guiding_principles=["Vielfalt"]
    )
    group = await published_group(client, city.headers, process["id"], description="Sprache und Bildung")
    event = await published_event(client, city.headers, process["id"], questions=[QUESTION])
    return {"process": process, "group": group, "event": event}


async def test_a_turkish_reader_gets_turkish_texts_and_german_where_nobody_translated(
    client: httpx.AsyncClient, city: City
) -> None:
    s = await scene(client, city)
    event_id = s["event"]["id"]
    await translate(client, city, "event", event_id, "title", "tr", "Dijital açılış etkinliği")
    await translate(client, city, "event", event_id, "questions.interpreting.label", "tr", "Tercüman ister misiniz?")
    await translate(client, city, "event", event_id, "questions.interpreting.options.0", "tr", "Evet")

    turkish = await client.get(f"/orgs/{city.slug}/events/{event_id}", headers={"Accept-Language": "tr-TR,tr;q=0.9"})
    assert turkish.status_code == 200, turkish.text
    assert turkish.headers["content-language"] == "tr"
    assert "accept-language" in turkish.headers["vary"].lower()
    body = turkish.json()
    assert body["title"] == "Dijital açılış etkinliği"
    question = body["questions"][0]
    assert question["label"] == "Tercüman ister misiniz?"
    # The reader sees the labels; the answer still names the option as the city wrote it.
    assert question["options"] == ["Ja", "Nein"]
    assert question["option_labels"] == ["Evet", "Nein"]
    assert body["untranslated"] == {"questions.interpreting.options.1": "de"}

    german = await fetch(client, f"/orgs/{city.slug}/events/{event_id}")
    assert german["title"] == s["event"]["title"]
    assert german["untranslated"] == {}
    assert german["questions"][0]["option_labels"] == ["Ja", "Nein"]

    # A Turkish sign-up answers with the city's option, and is taken.
    await with_privacy_notice(client._transport.app, city)  # type: ignore[attr-defined]
    answer = person(preferred_language="tr", answers={"interpreting": "Ja"})
    signed = await client.post(f"/orgs/{city.slug}/events/{event_id}/registrations", json=answer)
    assert signed.status_code in (200, 201, 202), signed.text


async def test_a_language_nobody_translated_falls_back_per_text_and_says_so(
    client: httpx.AsyncClient, city: City
) -> None:
    s = await scene(client, city)
    process = await fetch(client, f"/orgs/{city.slug}/processes/{s['process']['slug']}?lang=ar")
    assert process["title"] == s["process"]["title"]
    assert process["untranslated"]["title"] == "de"
    assert process["untranslated"]["description"] == "de"
    assert process["untranslated"]["guiding_principles.0"] == "de"
    assert process["groups"][0]["untranslated"]["name"] == "de"
    # Leichte Sprache falls back to standard German, the city's default.
    easy = await client.get(f"/orgs/{city.slug}/processes/{s['process']['slug']}", params={"lang": "de-x-ls"})
    assert easy.headers["content-language"] == "de-x-ls"
    assert easy.json()["untranslated"]["title"] == "de"


async def test_a_language_the_city_does_not_offer_is_answered_in_its_default(
    client: httpx.AsyncClient, city: City
) -> None:
    s = await scene(client, city)
    await translate(client, city, "process", s["process"]["id"], "title", "tr", "Entegrasyon konsepti")
    answer = await client.get(f"/orgs/{city.slug}/processes/{s['process']['slug']}", headers={"Accept-Language": "fr"})
    assert answer.headers["content-language"] == "de"
    assert answer.json()["title"] == s["process"]["title"]
    assert answer.json()["untranslated"] == {}


async def test_etags_and_held_answers_differ_per_language(client: httpx.AsyncClient, city: City) -> None:
    s = await scene(client, city)
    path = f"/orgs/{city.slug}/events/{s['event']['id']}"
    # Nothing translated: the same bytes in Arabic and German are still two answers.
    german, arabic = await client.get(path), await client.get(path, headers={"Accept-Language": "ar"})
    assert german.headers["etag"] != arabic.headers["etag"]
    again = await client.get(path, headers={"Accept-Language": "ar", "If-None-Match": arabic.headers["etag"]})
    assert again.status_code == 304
    assert again.headers["content-language"] == "ar"
    other = await client.get(path, headers={"Accept-Language": "de", "If-None-Match": arabic.headers["etag"]})
    assert other.status_code == 200


async def test_the_staff_sheet_shows_missing_current_and_stale_translations(
    client: httpx.AsyncClient, city: City
) -> None:
    s = await scene(client, city)
    process_id = s["process"]["id"]
    await translate(client, city, "process", process_id, "title", "tr", "Entegrasyon konsepti")
    sheet = await client.get(
        "/staff/translations", params={"language": "tr", "process_id": process_id}, headers=city.headers
    )
    assert sheet.status_code == 200, sheet.text
    items = {(i["subject"], i["field"]): i for i in sheet.json()["items"]}
    assert items["process", "title"]["state"] == "current"
    assert items["process", "description"]["state"] == "missing"
    assert items["event", "questions.interpreting.options.1"]["source"] == "Nein"
    assert items["group", "name"]["state"] == "missing"
    assert sheet.json()["counts"]["current"] == 1

    # The original changes: the translation is flagged out of date, and still shown until redone.
    changed = await client.patch(
        f"/staff/processes/{process_id}", json={"title": "Neues Konzept"}, headers=city.headers
    )
    assert changed.status_code == 200, changed.text
    sheet = await client.get(
        "/staff/translations", params={"language": "tr", "process_id": process_id}, headers=city.headers
    )
    title = next(i for i in sheet.json()["items"] if i["subject"] == "process" and i["field"] == "title")
    assert title["state"] == "stale"
    assert title["source"] == "Neues Konzept"
    assert title["text"] == "Entegrasyon konsepti"
    again = await translate(client, city, "process", process_id, "title", "tr", "Yeni konsept")
    assert again["state"] == "current"


async def test_translations_are_refused_for_the_default_language_a_language_not_offered_and_a_missing_text(
    client: httpx.AsyncClient, city: City
) -> None:
    s = await scene(client, city)
    base = {"subject": "process", "subject_id": s["process"]["id"], "field": "title", "text": "x"}
    default = await client.put("/staff/translations", json={**base, "language": "de"}, headers=city.headers)
    problem(default, 422, "language")
    french = await client.put("/staff/translations", json={**base, "language": "fr"}, headers=city.headers)
    problem(french, 422, "language")
    no_text = await client.put(
        "/staff/translations", json={**base, "language": "tr", "field": "funding_note"}, headers=city.headers
    )
    problem(no_text, 422, "field")
    nul = await client.put(
        "/staff/translations", json={**base, "language": "tr", "text": "a\x00b"}, headers=city.headers
    )
    problem(nul, 422, "text")


async def test_another_citys_texts_cannot_be_translated_or_read(
    client: httpx.AsyncClient, city: City, other_city: City
) -> None:
    s = await scene(client, city)
    await offer_languages(client, other_city)
    body = {"subject": "event", "subject_id": s["event"]["id"], "field": "title", "language": "tr", "text": "x"}
    problem(await client.put("/staff/translations", json=body, headers=other_city.headers), 404)
    sheet = await client.get(
        "/staff/translations", params={"language": "tr", "process_id": s["process"]["id"]}, headers=other_city.headers
    )
    problem(sheet, 404)


async def _export(client: httpx.AsyncClient, city: City, process_id: str, file_format: str) -> bytes:
    response = await client.get(
        "/staff/translations/export",
        params={"language": "tr", "process_id": process_id, "format": file_format},
        headers=city.headers,
    )
    assert response.status_code == 200, response.text
    assert "attachment" in response.headers["content-disposition"]
    return response.content


async def _import(
    client: httpx.AsyncClient, city: City, process_id: str, body: bytes, content_type: str
) -> httpx.Response:
    return await client.post(
        "/staff/translations/import",
        params={"language": "tr", "process_id": process_id},
        content=body,
        headers={**city.headers, "Content-Type": content_type},
    )


async def _sheet(client: httpx.AsyncClient, city: City, process_id: str) -> dict[tuple[str, str], dict[str, Any]]:
    response = await client.get(
        "/staff/translations", params={"language": "tr", "process_id": process_id}, headers=city.headers
    )
    return {(i["subject_id"], i["field"]): i for i in response.json()["items"]}


def _fill_xliff2(document: bytes, targets: dict[str, str]) -> bytes:
    ElementTree.register_namespace("", XLIFF2[1:-1])
    root = SafeXML.fromstring(document)
    for unit in root.iter(f"{XLIFF2}unit"):
        subject, _, field = unit.get("id").split(":", 2)
        key = f"{subject}.{field}"
        if key in targets:
            segment = unit.find(f"{XLIFF2}segment")
            target = segment.find(f"{XLIFF2}target")
            if target is None:
                target = ElementTree.SubElement(segment, f"{XLIFF2}target")
            target.text = targets[key]
    return ElementTree.tostring(root, encoding="utf-8", xml_declaration=True)


async def test_an_xliff_round_trip_changes_exactly_the_translated_texts(client: httpx.AsyncClient, city: City) -> None:
    s = await scene(client, city)
    process_id, event_id = s["process"]["id"], s["event"]["id"]
    await translate(client, city, "process", process_id, "summary", "tr", "Eski özet")
    before = await _sheet(client, city, process_id)

    exported = await _export(client, city, process_id, "xliff2")
    root = SafeXML.fromstring(exported)
    assert root.get("srcLang") == "de"
    assert root.get("trgLang") == "tr"
    units = {unit.get("id") for unit in root.iter(f"{XLIFF2}unit")}
    assert f"event:{event_id}:questions.interpreting.label" in units
    # The translator fills two texts and leaves the rest empty.
    filled = _fill_xliff2(
        exported,
        {"process.description": "Entegrasyon konseptini yazıyoruz.", "event.questions.interpreting.label": "Tercüman?"},
    )
    response = await _import(client, city, process_id, filled, "application/xliff+xml")
    assert response.status_code == 200, response.text
    report = response.json()
    assert sorted(change["field"] for change in report["changed"]) == ["description", "questions.interpreting.label"]

    after = await _sheet(client, city, process_id)
    differing = {key for key in after if after[key]["text"] != before[key]["text"]}
    assert differing == {(process_id, "description"), (event_id, "questions.interpreting.label")}
    assert after[process_id, "description"]["state"] == "current"
    assert after[process_id, "summary"]["text"] == "Eski özet"  # untouched: its unit had the old target

    # Importing the same file again changes nothing.
    again = (await _import(client, city, process_id, filled, "application/xliff+xml")).json()
    assert again["changed"] == []


async def test_xliff_12_and_csv_round_trips(client: httpx.AsyncClient, city: City) -> None:
    s = await scene(client, city)
    process_id = s["process"]["id"]
    exported = await _export(client, city, process_id, "xliff12")
    ElementTree.register_namespace("", XLIFF12[1:-1])
    root = SafeXML.fromstring(exported)
    assert root.find(f"{XLIFF12}file").get("target-language") == "tr"
    for unit in root.iter(f"{XLIFF12}trans-unit"):
        if unit.get("id").endswith(":title") and unit.get("id").startswith("group:"):
            ElementTree.SubElement(unit, f"{XLIFF12}target").text = "Dil ve eğitim"
    response = await _import(
        client, city, process_id, ElementTree.tostring(root, encoding="utf-8"), "application/xliff+xml"
    )
    assert response.status_code == 200, response.text

    table = (await _export(client, city, process_id, "csv")).decode("utf-8-sig")
    lines = table.split("\r\n")
    assert lines[0].startswith("ID;Original (de);Übersetzung (tr)")
    edited = []
    for line in lines:
        if line.startswith(f"process:{process_id}:title;"):
            cells = line.split(";")
            cells[2] = "Entegrasyon"
            line = ";".join(cells)
        edited.append(line)
    response = await _import(client, city, process_id, "\r\n".join(edited).encode(), "text/csv")
    assert response.status_code == 200, response.text
    assert [c["field"] for c in response.json()["changed"]] == ["title"]
    process = await fetch(client, f"/orgs/{city.slug}/processes/{s['process']['slug']}?lang=tr")
    assert process["title"] == "Entegrasyon"


async def test_an_import_with_unknown_ids_a_stale_source_or_another_language_changes_nothing(
    client: httpx.AsyncClient, city: City, other_city: City
) -> None:
    s = await scene(client, city)
    process_id = s["process"]["id"]
    exported = await _export(client, city, process_id, "xliff2")
    filled = _fill_xliff2(exported, {"process.title": "Başlık", "process.description": "Açıklama"}).decode()
    # The original of the description changes after the export.
    await client.patch(f"/staff/processes/{process_id}", json={"description": "Neu"}, headers=city.headers)
    broken = filled.replace(
        f'id="event:{s["event"]["id"]}:title"', 'id="event:00000000-0000-0000-0000-000000000000:title"'
    )
    before = await _sheet(client, city, process_id)

    response = await _import(client, city, process_id, broken.encode(), "application/xliff+xml")
    body = problem(response, 422)
    fields = {error["field"] for error in body["errors"]}
    assert "unit event:00000000-0000-0000-0000-000000000000:title" in fields
    assert f"unit process:{process_id}:description" in fields
    assert {error["kind"] for error in body["errors"]} >= {"not-found", "stale-source"}
    assert await _sheet(client, city, process_id) == before  # the good unit (title) was not taken either

    arabic = filled.replace('trgLang="tr"', 'trgLang="ar"')
    wrong = problem(await _import(client, city, process_id, arabic.encode(), "application/xliff+xml"), 422)
    assert any(error["kind"] == "wrong-language" for error in wrong["errors"])


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (b"<?xml version='1.0'?><!DOCTYPE x [<!ENTITY a 'aaaa'>]><x>&a;</x>", "application/xliff+xml"),
        (b"<xliff><unclosed>", "application/xliff+xml"),
        (b"\xff\xfe not utf-8", "text/csv"),
        (b"just;a;header\r\n", "text/csv"),
        (b"ID;Original (de);\xc3\x9cbersetzung (tr)\r\nonly-one-cell\r\n", "text/csv"),
        (b"{}", "application/json"),
    ],
)
async def test_unreadable_files_are_refused_clearly(
    client: httpx.AsyncClient, city: City, body: bytes, content_type: str
) -> None:
    s = await scene(client, city)
    problem(await _import(client, city, s["process"]["id"], body, content_type), 422)


async def test_the_city_texts_and_the_privacy_notice_are_translated(client: httpx.AsyncClient, city: City) -> None:
    await offer_languages(client, city)
    await with_privacy_notice(client._transport.app, city)  # type: ignore[attr-defined]
    sheet = await client.get("/staff/translations", params={"language": "ar"}, headers=city.headers)
    assert sheet.status_code == 200, sheet.text
    notice = next(i for i in sheet.json()["items"] if i["subject"] == "privacy_notice")
    await translate(client, city, "privacy_notice", notice["subject_id"], "text", "ar", "حماية البيانات")
    answer = await client.get(f"/orgs/{city.slug}/privacy-notice", headers={"Accept-Language": "ar"})
    assert answer.json()["text"] == "حماية البيانات"
    assert answer.headers["content-language"] == "ar"


async def test_calendar_feeds_and_open_data_follow_the_language(client: httpx.AsyncClient, city: City) -> None:
    s = await scene(client, city)
    await translate(client, city, "event", s["event"]["id"], "title", "uk", "Цифрове відкриття")
    ics = await client.get(f"/orgs/{city.slug}/events.ics", headers={"Accept-Language": "uk"})
    assert "Цифрове відкриття" in ics.text
    assert ics.headers["content-language"] == "uk"
    data = await fetch(client, f"/orgs/{city.slug}/open-data/events.json?lang=uk")
    assert data["items"][0]["title"] == "Цифрове відкриття"
    german = await fetch(client, f"/orgs/{city.slug}/open-data/events.json")
    assert german["items"][0]["title"] == s["event"]["title"]


async def test_a_mail_names_the_event_in_the_persons_language(client: httpx.AsyncClient, city: City) -> None:
    s = await scene(client, city)
    event_id = s["event"]["id"]
    await translate(client, city, "event", event_id, "title", "ar", "الفعالية الافتتاحية الرقمية")
    app = client._transport.app  # type: ignore[attr-defined]
    await with_privacy_notice(app, city)
    for email, language in (("samira@example.org", "ar"), ("jonas@example.org", "de")):
        body = person(email=email, preferred_language=language, answers={"interpreting": "Ja"})
        signed = await client.post(f"/orgs/{city.slug}/events/{event_id}/registrations", json=body)
        assert signed.status_code == 202, signed.text
    arabic = (await mails_to(app, "samira@example.org"))[0]
    german = (await mails_to(app, "jonas@example.org"))[0]
    assert "الفعالية الافتتاحية الرقمية" in arabic.subject
    assert "الفعالية الافتتاحية الرقمية" in arabic.body_html
    assert s["event"]["title"] in german.subject


async def test_a_held_public_answer_is_held_per_language(
    client: httpx.AsyncClient, city: City, database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """During a rush an API process answers from memory: an Arabic reader must not get the Turkish answer
    a moment old, nor the other way round."""
    monkeypatch.setattr(caching, "clock", lambda: 1000.0)
    held = create_app(conftest.test_settings(database_url, public_cache_seconds=2))
    s = await scene(client, city)
    await translate(client, city, "event", s["event"]["id"], "title", "tr", "Dijital açılış")
    await translate(client, city, "event", s["event"]["id"], "title", "ar", "الافتتاح الرقمي")
    path = f"/orgs/{city.slug}/events/{s['event']['id']}"
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=held), base_url="http://t/api/v1") as rush:
        turkish = await rush.get(path, headers={"Accept-Language": "tr"})
        arabic = await rush.get(path, headers={"Accept-Language": "ar"})
        turkish_again = await rush.get(path, headers={"Accept-Language": "tr"})
    await held.state.engine.dispose()
    assert turkish.json()["title"] == turkish_again.json()["title"] == "Dijital açılış"
    assert arabic.json()["title"] == "الافتتاح الرقمي"
    assert arabic.headers["content-language"] == "ar"
    assert turkish_again.headers["content-language"] == "tr"


async def test_json_ld_follows_the_language(client: httpx.AsyncClient, city: City) -> None:
    s = await scene(client, city)
    await translate(client, city, "event", s["event"]["id"], "title", "tr", "Dijital açılış")
    document = await fetch(client, f"/orgs/{city.slug}/events/{s['event']['id']}/jsonld?lang=tr")
    assert document["name"] == "Dijital açılış"
