"""The languages Teilhabe speaks, and how a request or a person gets one of them.

Shared machinery: the public API (content), the problem answers, the mails and the staff console all
choose a language here. A language is a BCP 47 tag; Leichte Sprache (easy-read German) is its own
variant, `de-x-ls`, so it can be offered, stored and chosen like any other language while screen
readers still read it with a German voice (the primary subtag).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Language:
    code: str
    endonym: str  # the language's own name, as a reader looks for it in a switch
    german_name: str  # for the staff console and exports
    direction: str  # "ltr" or "rtl"
    babel_locale: str  # CLDR locale for dates, numbers and plural rules


EASY_GERMAN = "de-x-ls"

LANGUAGES: dict[str, Language] = {
    language.code: language
    for language in (
        Language("de", "Deutsch", "Deutsch", "ltr", "de_DE"),
        Language(EASY_GERMAN, "Leichte Sprache", "Leichte Sprache", "ltr", "de_DE"),
        Language("en", "English", "Englisch", "ltr", "en_GB"),
        Language("ar", "العربية", "Arabisch", "rtl", "ar"),
        Language("tr", "Türkçe", "Türkisch", "ltr", "tr_TR"),
        Language("uk", "Українська", "Ukrainisch", "ltr", "uk_UA"),
        Language("ru", "Русский", "Russisch", "ltr", "ru_RU"),
        Language("fa", "فارسی", "Persisch", "rtl", "fa_IR"),
    )
}
DEFAULT_LANGUAGE = "de"
# What an API client that names no language gets: the developers' language, as the API always spoke.
API_LANGUAGE = "en"


def supported(tag: str | None) -> str | None:
    """The language Teilhabe speaks for a tag: "de-DE" → "de", "ar-SY" → "ar", "de-x-ls" → "de-x-ls"."""
    clean = (tag or "").strip().replace("_", "-").lower()
    if not clean:
        return None
    if clean in LANGUAGES:
        return clean
    if clean.endswith("-x-ls") and clean.startswith("de"):
        return EASY_GERMAN
    primary = clean.split("-")[0]
    return primary if primary in LANGUAGES else None


def direction(code: str) -> str:
    language = LANGUAGES.get(supported(code) or "")
    return language.direction if language else "ltr"


def babel_locale(code: str) -> str:
    return LANGUAGES[supported(code) or DEFAULT_LANGUAGE].babel_locale


def fallbacks(code: str, default: str = DEFAULT_LANGUAGE) -> list[str]:
    """The languages to try in order: the one asked for, German for Leichte Sprache, then the default."""
    chain = [code]
    if code == EASY_GERMAN:
        chain.append("de")
    chain.append(default)
    return list(dict.fromkeys(chain))


def accepted(header: str | None) -> list[str]:
    """The tags of an Accept-Language header, most wanted first (RFC 9110 12.5.4); q=0 means "not this"."""
    weighted: list[tuple[float, int, str]] = []
    for position, part in enumerate((header or "").split(",")):
        tag, _, params = part.strip().partition(";")
        tag = tag.strip()
        if not tag or len(tag) > 35:
            continue
        quality = 1.0
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if quality > 0:
            weighted.append((-quality, position, tag))
    return [tag for _, _, tag in sorted(weighted)]


def negotiate(asked: str | None, header: str | None, offered: Iterable[str], default: str) -> str:
    """The offered language that fits best: an explicit choice (`?lang=`), else the browser's
    Accept-Language in its order, else the default. A tag not offered is skipped, not forced."""
    offer: Sequence[str] = list(offered)
    for tag in ([asked] if asked else []) + accepted(header):
        code = supported(tag)
        if code in offer:
            return code
        if tag.strip() == "*":
            return default
    return default
