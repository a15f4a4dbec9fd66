"""Loading a translated file back: all or nothing, with every refused unit named.

A unit is refused when its id names no text of this city's scope, when the file is for another language,
or when its source is not the original as it reads now (the original changed after the export: the
translation may no longer fit, so the office exports again). Empty targets are left alone.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from fastapi.exceptions import RequestValidationError
from sqlalchemy.ext.asyncio import AsyncSession

from api.organizations.models import Organization
from api.schemas import printable
from api.translations import service
from api.translations.files import TranslationFile, unit_id


@dataclass
class Change:
    subject: str
    subject_id: uuid.UUID
    field: str
    before: str | None
    after: str


@dataclass
class Report:
    language: str
    changed: list[Change] = field(default_factory=list)
    unchanged: int = 0


def _refusal(where: str, kind: str, message: str) -> dict[str, Any]:
    # Shaped like a validation error, so the one problem handler words it in the caller's language.
    return {"type": kind, "loc": ("body", where), "msg": message, "input": None}


MAX_TEXT = 20_000


def _unreadable(where: str, target: str) -> list[dict[str, Any]]:
    if len(target) > MAX_TEXT:
        return [_refusal(where, "too-long", f"The translation is longer than {MAX_TEXT} characters.")]
    try:
        printable(target)
    except ValueError as exc:
        return [_refusal(where, "not-text", str(exc))]
    return []


async def load(
    session: AsyncSession,
    organization: Organization,
    objects: list[Any],
    language: str,
    upload: TranslationFile,
    staff_id: uuid.UUID | None,
) -> Report:
    items = {unit_id(item): item for item in await service.sheet(session, organization, objects, language)}
    refused: list[dict[str, Any]] = []
    if upload.target_language is not None and upload.target_language != language:
        refused.append(
            _refusal(
                "file",
                "wrong-language",
                f"The file is a translation into {upload.target_language}, not into {language}.",
            )
        )
    seen: set[str] = set()
    for unit in upload.units:
        item = items.get(unit.id)
        if item is None:
            refused.append(_refusal(unit.where, "not-found", f"No text of yours has the id {unit.id!r}."))
        elif unit.id in seen:
            refused.append(_refusal(unit.where, "duplicate", "This text is in the file twice."))
        elif unit.target.strip() and unit.source != item.source:
            refused.append(
                _refusal(
                    unit.where,
                    "stale-source",
                    "The original changed after this file was exported; export the texts again.",
                )
            )
        elif unit.target.strip():
            refused.extend(_unreadable(unit.where, unit.target))
        seen.add(unit.id)
    if refused:
        raise RequestValidationError(refused)
    return await _apply(session, organization, language, upload, items, objects, staff_id)


async def _apply(
    session: AsyncSession,
    organization: Organization,
    language: str,
    upload: TranslationFile,
    items: dict[str, service.SheetItem],
    objects: list[Any],
    staff_id: uuid.UUID | None,
) -> Report:
    report = Report(language=language)
    by_id = {obj.id: obj for _, obj in service.with_children(objects)}
    entries = []
    for unit in upload.units:
        item = items[unit.id]
        if not unit.target.strip() or (unit.target == item.text and item.state == "current"):
            report.unchanged += 1
            continue
        entries.append((by_id[item.subject_id], item.field, unit.target))
        report.changed.append(Change(item.subject, item.subject_id, item.field, item.text, unit.target))
    await service.save_all(session, organization, language, entries, staff_id)
    return report
