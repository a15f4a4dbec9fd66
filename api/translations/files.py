"""Translation files for an agency: XLIFF 2.0, XLIFF 1.2 (which most translation tools read) and a CSV that
German Excel opens. One unit per text, its id `subject:uuid:path`, the original as source.

XML is written with the standard library and read with defusedxml, which refuses entity expansion and
external entities: an uploaded file must not make the server read its own files or run out of memory.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from xml.etree.ElementTree import Element, SubElement, tostring

from defusedxml import ElementTree as SafeXML
from defusedxml.common import DefusedXmlException

from api.excel import excel_csv, from_excel_cell
from api.translations.service import SheetItem

XLIFF2 = "urn:oasis:names:tc:xliff:document:2.0"
XLIFF12 = "urn:oasis:names:tc:xliff:document:1.2"
FORMATS = {
    "xliff2": ("application/xliff+xml", "xlf"),
    "xliff12": ("application/xliff+xml", "xlf"),
    "csv": ("text/csv; charset=utf-8", "csv"),
}
_CSV_TARGET = re.compile(r"\(([A-Za-z0-9-]{2,12})\)\s*$")


def unit_id(item: SheetItem) -> str:
    return f"{item.subject}:{item.subject_id}:{item.field}"


@dataclass(frozen=True)
class Unit:
    id: str
    source: str
    target: str
    where: str  # "line 7" or "unit event:…:title", for the report


@dataclass(frozen=True)
class TranslationFile:
    target_language: str | None
    units: list[Unit]


class UnreadableFile(ValueError):
    """The file is not one of the formats, or broken; the message says what a person can fix. The
    message is a msgid of the problem catalogue, its values in `params` (see api/problem_texts.py)."""

    def __init__(self, template: str, **params: str) -> None:
        super().__init__(template.format(**params) if params else template)
        self.template, self.params = template, params


# Every message UnreadableFile carries, for the problem catalogue.
UNREADABLE = (
    "Send an XLIFF file (application/xliff+xml) or a CSV file (text/csv).",
    "The file is not UTF-8 text.",
    "The file contains NUL characters; it is not a text file.",
    "The first line must be the header: ID; Original (de); Übersetzung (xx).",
    "The CSV file cannot be read: {reason}.",
    "These lines have fewer than three columns: {lines}.",
    "The XLIFF file cannot be read: {reason}.",
    "This is not an XLIFF 2.0 or 1.2 file.",
)


# --- writing -------------------------------------------------------------------------------------------


def xliff2(items: Sequence[SheetItem], source: str, target: str, name: str) -> bytes:
    root = Element("xliff", {"xmlns": XLIFF2, "version": "2.0", "srcLang": source, "trgLang": target})
    file = SubElement(root, "file", {"id": "f1", "original": name})
    for item in items:
        unit = SubElement(file, "unit", {"id": unit_id(item)})
        notes = SubElement(unit, "notes")
        SubElement(notes, "note", {"category": "location"}).text = f"{item.subject_title} – {item.field}"
        state = "translated" if item.state == "current" else "initial"
        segment = SubElement(unit, "segment", {"state": state})
        SubElement(segment, "source").text = item.source
        if item.text is not None:
            SubElement(segment, "target").text = item.text
    return _document(root)


def xliff12(items: Sequence[SheetItem], source: str, target: str, name: str) -> bytes:
    root = Element("xliff", {"xmlns": XLIFF12, "version": "1.2"})
    file = SubElement(
        root,
        "file",
        {"original": name, "source-language": source, "target-language": target, "datatype": "plaintext"},
    )
    body = SubElement(file, "body")
    for item in items:
        unit = SubElement(body, "trans-unit", {"id": unit_id(item), "xml:space": "preserve"})
        SubElement(unit, "source").text = item.source
        if item.text is not None:
            state = "translated" if item.state == "current" else "needs-review-translation"
            SubElement(unit, "target", {"state": state}).text = item.text
        SubElement(unit, "note").text = f"{item.subject_title} – {item.field}"
    return _document(root)


def _document(root: Element) -> bytes:
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + tostring(root, encoding="unicode").encode() + b"\n"


def table(items: Sequence[SheetItem], source: str, target: str) -> bytes:
    header = ["ID", f"Original ({source})", f"Übersetzung ({target})", "Zustand", "Wo"]
    rows = ([unit_id(i), i.source, i.text or "", i.state, f"{i.subject_title} – {i.field}"] for i in items)
    return ("\ufeff" + excel_csv(header, rows)).encode()


# --- reading -------------------------------------------------------------------------------------------


def read(body: bytes, content_type: str) -> TranslationFile:
    """The units of an uploaded XLIFF (2.0 or 1.2) or CSV file."""
    kind = content_type.split(";")[0].strip().lower()
    if kind in ("text/csv", "application/csv", "text/plain"):
        return _read_csv(body)
    if kind in ("application/xliff+xml", "application/xml", "text/xml", "application/x-xliff+xml"):
        return _read_xliff(body)
    raise UnreadableFile("Send an XLIFF file (application/xliff+xml) or a CSV file (text/csv).")


def _text(body: bytes) -> str:
    try:
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UnreadableFile("The file is not UTF-8 text.") from None
    if "\x00" in text:
        raise UnreadableFile("The file contains NUL characters; it is not a text file.")
    return text


def _read_csv(body: bytes) -> TranslationFile:
    text = _text(body)
    first = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text), delimiter=";" if first.count(";") >= first.count(",") else ",")
    try:
        header = next(reader, [])
        if len(header) < 3 or header[0].strip() != "ID":
            raise UnreadableFile("The first line must be the header: ID; Original (de); Übersetzung (xx).")
        rows = [(reader.line_num, row) for row in reader if any(cell.strip() for cell in row)]
    except csv.Error as exc:
        raise UnreadableFile("The CSV file cannot be read: {reason}.", reason=str(exc)) from None
    short = [f"line {line}" for line, row in rows if len(row) < 3]
    if short:
        raise UnreadableFile("These lines have fewer than three columns: {lines}.", lines=", ".join(short))
    match = _CSV_TARGET.search(header[2])
    units = [
        Unit(id=row[0].strip(), source=from_excel_cell(row[1]), target=from_excel_cell(row[2]), where=f"line {line}")
        for line, row in rows
    ]
    return TranslationFile(target_language=match.group(1) if match else None, units=units)


def _read_xliff(body: bytes) -> TranslationFile:
    _text(body)
    try:
        root = SafeXML.fromstring(body, forbid_dtd=True)
    except (SafeXML.ParseError, DefusedXmlException) as exc:
        raise UnreadableFile("The XLIFF file cannot be read: {reason}.", reason=str(exc)) from None
    if root.tag == f"{{{XLIFF2}}}xliff":
        return _units_2(root)
    if root.tag == f"{{{XLIFF12}}}xliff":
        return _units_12(root)
    raise UnreadableFile("This is not an XLIFF 2.0 or 1.2 file.")


def _units_2(root: Element) -> TranslationFile:
    ns = {"x": XLIFF2}
    units = []
    for unit in root.iterfind(".//x:unit", ns):
        ident = unit.get("id", "")
        segments = unit.findall("x:segment", ns)
        source = "".join(
            "".join(s.find("x:source", ns).itertext()) for s in segments if s.find("x:source", ns) is not None
        )
        target = "".join(
            "".join(s.find("x:target", ns).itertext()) for s in segments if s.find("x:target", ns) is not None
        )
        units.append(Unit(id=ident, source=source, target=target, where=f"unit {ident}"))
    return TranslationFile(target_language=root.get("trgLang"), units=units)


def _inner(element: Element | None) -> str:
    return "".join(element.itertext()) if element is not None else ""


def _units_12(root: Element) -> TranslationFile:
    ns = {"x": XLIFF12}
    units, languages = [], {file.get("target-language") for file in root.iterfind("x:file", ns)}
    for unit in root.iterfind(".//x:trans-unit", ns):
        ident = unit.get("id", "")
        source, target = unit.find("x:source", ns), unit.find("x:target", ns)
        units.append(
            Unit(
                id=ident,
                source=_inner(source),
                target=_inner(target),
                where=f"unit {ident}",
            )
        )
    return TranslationFile(target_language=next(iter(languages)) if len(languages) == 1 else None, units=units)
