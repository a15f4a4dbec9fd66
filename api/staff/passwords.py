"""What a staff password must be: long, not the person's own address, not one everybody tries first.

Staff accounts open personal data of many residents, so a password is refused when it is shorter than
12 characters, when it is or contains the local part of the person's e-mail address, or when it is on
the bundled list of common passwords (common-passwords.txt, German and English). Comparisons ignore
case, spaces, dots, dashes and underscores, so "Passwort-123" counts as "passwort123".
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from api.errors import InvalidInput

MIN_LENGTH = 12
MAX_LENGTH = 1024
# A shorter local part ("al", "bob") would refuse half of all passwords that happen to contain it.
MIN_LOCAL_PART = 4
COMMON_PASSWORDS_FILE = "common-passwords.txt"
_SEPARATORS = re.compile(r"[\s._\-]+")


def _normalized(value: str) -> str:
    return _SEPARATORS.sub("", value.casefold())


@lru_cache(maxsize=1)
def common_passwords() -> frozenset[str]:
    text = resources.files("api.staff").joinpath(COMMON_PASSWORDS_FILE).read_text(encoding="utf-8")
    entries = (line.strip() for line in text.splitlines())
    return frozenset(_normalized(entry) for entry in entries if entry and not entry.startswith("#"))


# Why a password is refused: templates of the `problems` catalogue (declared in api/problem_texts.py).
TOO_SHORT = "The password needs at least {limit} characters."
TOO_LONG = "The password may have at most {limit} characters."
ONLY_SPACES = "The password must not consist of spaces only."
CONTAINS_EMAIL = "The password must not contain your e-mail address."
COMMON = "This password is one of the most common ones and is easy to guess. Please choose another."


def _problem_template(password: str, email: str) -> str | None:
    if len(password) < MIN_LENGTH:
        return TOO_SHORT
    if len(password) > MAX_LENGTH:
        return TOO_LONG
    if not password.strip():
        return ONLY_SPACES
    normalized = _normalized(password)
    local_part = email.rpartition("@")[0].casefold()
    for part in {local_part, _normalized(local_part)}:
        if len(part) >= MIN_LOCAL_PART and (part in password.casefold() or part in normalized):
            return CONTAINS_EMAIL
    if normalized in common_passwords():
        return COMMON
    return None


def _limit(password: str) -> int:
    return MIN_LENGTH if len(password) < MIN_LENGTH else MAX_LENGTH


def password_problem(password: str, email: str) -> str | None:
    """Why this password is refused for the person with this address, or None if it is good enough."""
    template = _problem_template(password, email)
    return template.format(limit=_limit(password)) if template is not None else None


def check_password(password: str, email: str, *, field: str = "password") -> None:
    """Refuses a weak password with 422, naming the field it was sent in."""
    template = _problem_template(password, email)
    if template is None:
        return
    params = {"limit": _limit(password)}
    # A length rule is told as one, so the person reads the number rather than "too easy to guess".
    if len(password) < MIN_LENGTH:
        raise InvalidInput(template, params=params, field=field, kind="too-short", limit=MIN_LENGTH)
    if len(password) > MAX_LENGTH:
        raise InvalidInput(template, params=params, field=field, kind="too-long", limit=MAX_LENGTH)
    raise InvalidInput(template, field=field, kind="password-weak")
