"""Staff keep the translations of what residents read: a sheet per language, one text at a time, or a whole
file from a translation agency. The city's own texts need the city's settings right; a process's texts the
right to edit that process."""

from __future__ import annotations

import uuid
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request, Response, status

from api.authz import P, authorize
from api.deps import Caller, Session
from api.errors import InvalidInput
from api.processes.dependencies import load_process
from api.processes.models import Process
from api.schemas import LanguageCode
from api.translations import files, imports, scope, service
from api.translations.schemas import (
    StateCounts,
    SubjectName,
    TranslationImportReport,
    TranslationItem,
    TranslationSheet,
    TranslationWrite,
)

router = APIRouter(prefix="/staff/translations", tags=["staff: translations"])

Language = Annotated[LanguageCode, Query(description="The language translated into, e.g. `tr`.")]
ProcessId = Annotated[
    uuid.UUID | None, Query(description="A process: its texts, phases, groups and events. Without: the city's own.")
]
FileFormat = Literal["xliff2", "xliff12", "csv"]  # XLIFF 2.0, XLIFF 1.2 or CSV


async def _scope(session: Session, caller: Caller, process_id: uuid.UUID | None, write: bool) -> Process | None:
    """The process asked for, if the caller may read (or change) it; or None for the city's own texts."""
    if process_id is None:
        authorize(caller, P.organization_manage if write else P.processes_read)
        return None
    return await load_process(session, caller, process_id, P.processes_write if write else P.processes_read)


@router.get("", response_model=TranslationSheet, summary="Every text with its translation into a language")
async def get_sheet(session: Session, caller: Caller, language: Language, process_id: ProcessId = None) -> Any:
    process = await _scope(session, caller, process_id, write=False)
    objects = await scope.objects_of(session, caller.organization, process)
    items = await service.sheet(session, caller.organization, objects, language)
    counts = StateCounts()
    for item in items:
        setattr(counts, item.state, getattr(counts, item.state) + 1)
    return TranslationSheet(
        language=language,
        source_language=caller.organization.default_language,
        counts=counts,
        items=[TranslationItem.model_validate(item) for item in items],
    )


async def _subject(session: Session, caller: Caller, subject: str, subject_id: uuid.UUID) -> Any:
    obj = await service.subject_object(session, caller.organization, subject, subject_id)
    process_id = service.process_of(obj)
    if process_id is None:
        authorize(caller, P.organization_manage)
    else:
        authorize(caller, P.processes_write, process_id=process_id)
    return obj


@router.put("", response_model=TranslationItem, summary="Keep the translation of one text")
async def put_translation(request: Request, session: Session, caller: Caller, data: TranslationWrite) -> Any:
    obj = await _subject(session, caller, data.subject, data.subject_id)
    request.state.audit_object = (data.subject, data.subject_id)
    staff_id = caller.user.id if caller.user else None
    item = await service.save(session, caller.organization, obj, data.field, data.language, data.text, staff_id)
    return TranslationItem.model_validate(item)


@router.delete("", status_code=status.HTTP_204_NO_CONTENT, summary="Remove the translation of one text")
async def delete_translation(
    request: Request,
    session: Session,
    caller: Caller,
    subject: Annotated[SubjectName, Query()],
    subject_id: Annotated[uuid.UUID, Query()],
    field: Annotated[str, Query(min_length=1, max_length=120, pattern=r"^[a-z0-9_.]+$")],
    language: Language,
) -> Response:
    obj = await _subject(session, caller, subject, subject_id)
    request.state.audit_object = (subject, subject_id)
    await service.remove(session, obj, field, language)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get(
    "/export",
    response_class=Response,
    summary="The texts as a file for a translation agency",
    responses={
        200: {
            "content": {
                "application/xliff+xml": {"schema": {"type": "string"}},
                "text/csv": {"schema": {"type": "string"}},
            }
        }
    },
)
async def export_translations(
    session: Session,
    caller: Caller,
    language: Language,
    file_format: Annotated[FileFormat, Query(alias="format")] = "xliff2",
    process_id: ProcessId = None,
) -> Response:
    process = await _scope(session, caller, process_id, write=False)
    organization = caller.organization
    objects = await scope.objects_of(session, organization, process)
    items = await service.sheet(session, organization, objects, language)
    source = organization.default_language
    name = f"{organization.slug}-{process.slug if process else 'stadt'}-{language}"
    if file_format == "csv":
        body = files.table(items, source, language)
    else:
        write = files.xliff2 if file_format == "xliff2" else files.xliff12
        body = write(items, source, language, name)
    media_type, extension = files.FORMATS[file_format]
    return Response(
        content=body,
        media_type=media_type,
        headers={"Content-Disposition": f'attachment; filename="{name}.{extension}"'},
    )


@router.post(
    "/import",
    response_model=TranslationImportReport,
    summary="Load a translated file back",
    description="The file as the body: XLIFF 2.0 or 1.2 (`application/xliff+xml`) or CSV (`text/csv`), as "
    "exported. All or nothing: a file with a unit that names no text, is for another language, or was made "
    "from an original that has changed since, is refused with every such unit named, and nothing changes.",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/xliff+xml": {"schema": {"type": "string"}},
                "text/csv": {"schema": {"type": "string"}},
            },
        }
    },
)
async def import_translations(
    request: Request, session: Session, caller: Caller, language: Language, process_id: ProcessId = None
) -> Any:
    process = await _scope(session, caller, process_id, write=True)
    try:
        upload = files.read(await request.body(), request.headers.get("content-type", ""))
    except files.UnreadableFile as unreadable:
        raise InvalidInput(unreadable.template, params=unreadable.params, field="body", kind="format") from None
    staff_id = caller.user.id if caller.user else None
    objects = await scope.objects_of(session, caller.organization, process)
    report = await imports.load(session, caller.organization, objects, language, upload, staff_id)
    if process is not None:
        request.state.audit_object = ("process", process.id)
    return TranslationImportReport.model_validate(report, from_attributes=True)
