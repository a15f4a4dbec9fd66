"""The demo city in its residents' languages: the texts of `api/demo_texts/<language>.json`, each file
mapping the German original to its translation (like a gettext catalogue: the original is the key, so
a demo text that changes simply loses its translation instead of getting a wrong one)."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncSession

from api.db import utcnow
from api.organizations.models import Organization
from api.processes.models import Process
from api.translations import scope, service
from api.translations.models import Translation

DEMO_TEXTS = Path(__file__).resolve().parent / "demo_texts"
# The languages the demo city offers, its default first; files for them live in DEMO_TEXTS.
DEMO_LANGUAGES = ["de", "de-x-ls", "en", "ar", "tr", "uk", "ru", "fa"]


def demo_catalogue(language: str) -> dict[str, str]:
    path = DEMO_TEXTS / f"{language}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


async def translate_demo(session: AsyncSession, organization: Organization, process: Process) -> int:
    """Adds every translation the demo files have for the city's own texts and the process; returns how many."""
    organization.languages = DEMO_LANGUAGES
    await session.flush()
    objects = [
        *await scope.objects_of(session, organization, None),
        *await scope.objects_of(session, organization, process),
    ]
    subjects = service.with_children(objects)
    added = 0
    for language in DEMO_LANGUAGES:
        if language == organization.default_language:
            continue
        catalogue = demo_catalogue(language)
        for subject, obj in subjects:
            for path, source in subject.texts_of(obj).items():
                text = catalogue.get(source)
                if not text:
                    continue
                session.add(
                    Translation(
                        organization_id=organization.id,
                        subject=subject.name,
                        subject_id=obj.id,
                        field=path,
                        language=language,
                        text=text,
                        source_digest=service.digest(source),
                        updated_at=utcnow(),
                    )
                )
                added += 1
    await session.flush()
    return added
