"""Every language Teilhabe speaks has every mail and every problem text: a new message in the code
without its translations fails here, not in a resident's inbox."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from api.i18n import LANGUAGES
from api.i18n.catalogues import catalogue_path
from api.i18n.domains import DOMAINS, messages_of
from api.i18n.pot import missing_in

TRANSLATED = [code for code in LANGUAGES if code != "en"]  # English is the msgid itself
LOCALES = Path(__file__).resolve().parent.parent / "frontend" / "src" / "locales"
RESIDENT_NAMESPACES = ("common", "public")


@pytest.mark.parametrize("domain", sorted(DOMAINS))
@pytest.mark.parametrize("language", TRANSLATED)
def test_every_language_has_every_message(domain: str, language: str) -> None:
    assert catalogue_path(domain, language).exists(), f"no {domain} catalogue for {language}"
    assert missing_in(domain, language, messages_of(domain)) == []


PLURAL_SUFFIX = re.compile(r"_(zero|one|two|few|many|other)$")  # i18next's CLDR plural forms


def _keys(tree: dict, prefix: str = "") -> set[str]:
    """Every text's key path, plural forms as one key (languages differ in how many forms they need)."""
    keys: set[str] = set()
    for key, value in tree.items():
        path = f"{prefix}{key}"
        keys |= _keys(value, path + ".") if isinstance(value, dict) else {PLURAL_SUFFIX.sub("", path)}
    return keys


@pytest.mark.parametrize("language", [code for code in LANGUAGES if code != "de"])
def test_the_site_speaks_every_language(language: str) -> None:
    """What residents read on the site is in every language (the staff console may fall back to German
    for Leichte Sprache, which is for residents)."""
    for namespace in RESIDENT_NAMESPACES:
        german = _keys(json.loads((LOCALES / "de" / f"{namespace}.json").read_text()))
        theirs = _keys(json.loads((LOCALES / language / f"{namespace}.json").read_text()))
        assert german - theirs == set(), (language, namespace)
