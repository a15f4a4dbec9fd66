"""Message catalogues: gettext `.po` files a translator edits without touching code.

Each domain (`mails`, `problems`) has `api/locales/<domain>/<language>.po`, with the English text as
msgid and the template `<domain>.pot`. Babel (a well-kept library made for this) reads them; plural
forms follow each file's `Plural-Forms` header. A message missing in a language falls back along
`api.i18n.fallbacks` and finally to the English msgid, so a half-translated catalogue never breaks a
mail; a test keeps every shipped catalogue complete.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from gettext import c2py
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from api.i18n import DEFAULT_LANGUAGE, fallbacks, supported

SOURCE_LANGUAGE = "en"  # the msgids are English
LOCALES = Path(__file__).resolve().parent.parent / "locales"


def catalogue_path(domain: str, language: str) -> Path:
    return LOCALES / domain / f"{language}.po"


@cache
def catalogue(domain: str, language: str) -> Catalog | None:
    path = catalogue_path(domain, language)
    if not path.exists():
        return None
    with path.open("rb") as handle:
        return read_po(handle, locale=None, domain=domain)


def _chain(language: str, default: str) -> list[str]:
    # English is the msgid itself: the chain ends there, so English never borrows German words.
    chain = fallbacks(supported(language) or DEFAULT_LANGUAGE, supported(default) or DEFAULT_LANGUAGE)
    return chain[: chain.index(SOURCE_LANGUAGE)] if SOURCE_LANGUAGE in chain else chain


def gettext(domain: str, language: str, msgid: str, *, default: str = DEFAULT_LANGUAGE, **params: Any) -> str:
    """The message in the language, else along its fallbacks to `default` (a city's own language), else
    the English msgid; `{name}` placeholders filled in."""
    for code in _chain(language, default):
        found = catalogue(domain, code)
        message = found.get(msgid) if found is not None else None
        if message is not None and message.string and not message.fuzzy:
            return _fill(str(message.string), params)
    return _fill(msgid, params)


def ngettext(
    domain: str,
    language: str,
    singular: str,
    plural: str,
    count: int,
    *,
    default: str = DEFAULT_LANGUAGE,
    **params: Any,
) -> str:
    """The plural form for `count` by the language's own rules (Arabic has six forms, Russian three)."""
    params = {"count": count, **params}
    for code in _chain(language, default):
        found = catalogue(domain, code)
        message = found.get(singular) if found is not None else None
        if message is not None and isinstance(message.string, tuple) and all(message.string) and not message.fuzzy:
            forms = message.string
            return _fill(str(forms[min(_plural_index(found.plural_expr, count), len(forms) - 1)]), params)
    return _fill(singular if count == 1 else plural, params)


@cache
def _plural_rule(expression: str) -> Callable[[int], int]:
    # The C expression of the file's Plural-Forms header, compiled by the standard library's own parser.
    return c2py(expression)


def _plural_index(expression: str, count: int) -> int:
    return int(_plural_rule(expression)(count))


def _fill(text: str, params: dict[str, Any]) -> str:
    return text.format(**params) if params else text
