"""The catalogues the app ships, each with the function that declares its messages.

Kept here, apart from the domains, so that `python -m api catalogues` and the catalogue tests find every
catalogue without the i18n machinery importing a domain at start-up.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from importlib import import_module

from api.i18n.pot import Message

# domain → "module:function" returning the domain's messages
DOMAINS: dict[str, str] = {
    "mails": "api.notifications.catalogue:messages",
    "problems": "api.problem_texts:messages",
}


def messages_of(domain: str) -> list[Message]:
    module, _, function = DOMAINS[domain].partition(":")
    declare: Callable[[], Iterable[Message]] = getattr(import_module(module), function)
    return list(declare())
