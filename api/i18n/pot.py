"""Writing a catalogue template (`.pot`) from the messages a domain declares, and checking it is current.

Each domain that has a catalogue offers `messages()`: every msgid its code can ask for (with a plural
and a note for translators where useful). `python -m api catalogues` writes the templates and adds new
msgids to every language's `.po` (untranslated, so the catalogue test names them); a test fails when a
template differs from what the code declares, so a translator is never handed a stale file.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from api.i18n.catalogues import LOCALES, catalogue_path


@dataclass(frozen=True)
class Message:
    msgid: str
    plural: str | None = None
    note: str | None = None  # for the translator: where it appears, what a placeholder holds


def template(domain: str, messages: Iterable[Message]) -> Catalog:
    pot = Catalog(project="Teilhabe", domain=domain, charset="utf-8", fuzzy=False)
    for message in messages:
        msgid = (message.msgid, message.plural) if message.plural else message.msgid
        pot.add(msgid, auto_comments=[message.note] if message.note else ())
    return pot


def render(pot: Catalog) -> bytes:
    buffer = io.BytesIO()
    # No dates or line numbers in the file: a template changes only when a message does.
    write_po(buffer, pot, width=100, omit_header=False, no_location=True, sort_output=True)
    text = buffer.getvalue().decode()
    dated = ('"POT-Creation-Date', '"PO-Revision-Date', "# Copyright", "# FIRST AUTHOR")
    lines = [line for line in text.splitlines() if not line.startswith(dated)]
    return ("\n".join(lines) + "\n").encode()


def template_path(domain: str) -> Path:
    return LOCALES / domain / f"{domain}.pot"


def write_template(domain: str, messages: Iterable[Message]) -> bool:
    """Writes the template; True when it changed."""
    path = template_path(domain)
    path.parent.mkdir(parents=True, exist_ok=True)
    new = render(template(domain, messages))
    if path.exists() and path.read_bytes() == new:
        return False
    path.write_bytes(new)
    return True


def missing_in(domain: str, language: str, messages: Iterable[Message]) -> list[str]:
    """The msgids a language's catalogue lacks or leaves untranslated (empty or fuzzy)."""
    path = catalogue_path(domain, language)
    with path.open("rb") as handle:
        po = read_po(handle)
    gaps = []
    for message in messages:
        entry = po.get(message.msgid)
        strings = entry.string if entry is not None else None
        filled = all(strings) if isinstance(strings, tuple) else bool(strings)
        if entry is None or entry.fuzzy or not filled:
            gaps.append(message.msgid)
    return gaps
