"""The `problems` catalogue: every sentence a problem answer can carry, for translators.

Titles (one per problem type), the sentence of each field-error kind, the fixed details of the problem
handlers and every detail the code raises. Details are found in the source by `scan_details` (an AST
scan, so nothing is imported or run): the string given as detail to a DomainError subclass (or to
`problem_text`, `HTTPProblem` and the webhook target check's `Refused`), also through a module-level
constant, a module-level dict of sentences or a conditional expression. A detail the scan cannot see
(a variable passed on) is declared by hand in `_DECLARED_BY_HAND`. A test fails when the code raises a
literal detail that is not in the catalogue, or formats a detail itself (an f-string cannot be translated:
it must be a template with `params`).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from api import errors
from api.i18n.pot import Message
from api.staff import passwords
from api.translations.files import UNREADABLE

API_ROOT = Path(__file__).resolve().parent

# Callables whose argument at this position (or keyword `detail` / `template`) is a problem detail.
# DomainError's subclasses, found in the source, take it first.
_CARRIERS = {"DomainError": 0, "HTTPProblem": 1, "Refused": 0, "problem_text": 1}
_DETAIL_KEYWORDS = ("detail", "template")


@dataclass(frozen=True)
class RaisedDetail:
    msgid: str
    plural: str | None
    where: str  # "api/events/service.py:233", for the test's message


@dataclass
class DetailScan:
    details: list[RaisedDetail] = field(default_factory=list)
    # Details put together in code (f-strings, `+`, `.format`): untranslatable, so a test refuses them.
    formatted: list[str] = field(default_factory=list)


def _python_files(root: Path) -> Iterator[tuple[Path, ast.Module]]:
    for path in sorted(root.rglob("*.py")):
        yield path, ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _name_of(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def _carriers(modules: list[tuple[Path, ast.Module]]) -> dict[str, int]:
    """The carriers with every class that derives from one of them, in any module."""
    carriers = dict(_CARRIERS)
    classes = [node for _, tree in modules for node in ast.walk(tree) if isinstance(node, ast.ClassDef)]
    grown = True
    while grown:
        grown = False
        for cls in classes:
            bases = [carriers[name] for base in cls.bases if (name := _name_of(base)) in carriers]
            if bases and cls.name not in carriers:
                carriers[cls.name] = bases[0]
                grown = True
    return carriers


def _module_texts(tree: ast.Module) -> dict[str, list[str]]:
    """Module-level constants that hold a text, or a dict of texts: what a detail may name."""
    texts: dict[str, list[str]] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target, value = node.targets[0], node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            target, value = node.target, node.value
        else:
            continue
        if not isinstance(target, ast.Name):
            continue
        if isinstance(value, ast.Constant) and isinstance(value.value, str):
            texts[target.id] = [value.value]
        elif isinstance(value, ast.Dict) and value.values:
            strings = [v.value for v in value.values if isinstance(v, ast.Constant) and isinstance(v.value, str)]
            if len(strings) == len(value.values):
                texts[target.id] = strings
    return texts


def _texts_of(node: ast.expr, constants: dict[str, list[str]]) -> list[str] | None:
    """The texts an expression can be; None when it is not a text the scan can know (a variable)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.Name) and node.id in constants:
        return constants[node.id]
    if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name) and node.value.id in constants:
        return constants[node.value.id]
    if isinstance(node, ast.IfExp):
        body, orelse = _texts_of(node.body, constants), _texts_of(node.orelse, constants)
        return (body or []) + (orelse or []) if body is not None or orelse is not None else None
    return None


def _formatted(node: ast.expr | None) -> bool:
    if isinstance(node, ast.JoinedStr | ast.BinOp):
        return True
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format":
        return True
    return isinstance(node, ast.IfExp) and (_formatted(node.body) or _formatted(node.orelse))


def _detail_argument(call: ast.Call, position: int) -> ast.expr | None:
    for keyword in call.keywords:
        if keyword.arg in _DETAIL_KEYWORDS:
            return keyword.value
    return call.args[position] if len(call.args) > position else None


def _is_super_init(call: ast.Call) -> bool:
    func = call.func
    return (
        isinstance(func, ast.Attribute)
        and func.attr == "__init__"
        and isinstance(func.value, ast.Call)
        and _name_of(func.value.func) == "super"
    )


def _init_defaults(function: ast.FunctionDef) -> dict[str, ast.expr]:
    arguments = function.args
    positional = arguments.posonlyargs + arguments.args
    with_default = positional[len(positional) - len(arguments.defaults) :]
    pairs = list(zip(with_default, arguments.defaults, strict=True))
    pairs += [(a, d) for a, d in zip(arguments.kwonlyargs, arguments.kw_defaults, strict=True) if d is not None]
    return {argument.arg: default for argument, default in pairs}


def _carried(tree: ast.Module, carriers: dict[str, int]) -> Iterator[tuple[ast.expr | None, ast.expr | None, int]]:
    """(detail, plural, line) of every place in a module that hands a detail to a carrier."""

    def plural_of(call: ast.Call) -> ast.expr | None:
        return next((keyword.value for keyword in call.keywords if keyword.arg == "plural"), None)

    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and (name := _name_of(node.func)) in carriers:
            yield _detail_argument(node, carriers[name]), plural_of(node), node.lineno
        # A subclass of a carrier (not the carriers themselves, which hand the filled text to Exception):
        if isinstance(node, ast.ClassDef) and node.name in carriers and node.name not in _CARRIERS:
            for item in node.body:
                # the defaults of its own `__init__` (Unauthorized's "A valid bearer token is required."),
                if isinstance(item, ast.FunctionDef) and item.name == "__init__":
                    defaults = _init_defaults(item)
                    if "detail" in defaults:
                        yield defaults["detail"], defaults.get("plural"), item.lineno
                # and `super().__init__(...)`, which passes a detail like a constructor call does.
                for call in ast.walk(item):
                    if isinstance(call, ast.Call) and _is_super_init(call):
                        yield _detail_argument(call, 0), plural_of(call), call.lineno


def scan_details(root: Path = API_ROOT) -> DetailScan:
    """Every detail the code under `root` raises as a literal text, and every detail it formats itself."""
    modules = list(_python_files(root))
    carriers = _carriers(modules)
    scan = DetailScan()
    for path, tree in modules:
        constants = _module_texts(tree)
        for detail, plural, line in _carried(tree, carriers):
            if detail is None:  # a carrier's own default detail, e.g. Unauthorized()
                continue
            where = f"{path.relative_to(root.parent)}:{line}"
            if _formatted(detail) or _formatted(plural):
                scan.formatted.append(f"{where}: {ast.unparse(detail)}")
                continue
            plurals = _texts_of(plural, constants) if plural is not None else None
            for text in _texts_of(detail, constants) or []:
                scan.details.append(RaisedDetail(text, plurals[0] if plurals else None, where))
    return scan


# Details the code passes on in a variable, where the scan cannot see the text.
_DECLARED_BY_HAND: list[Message] = [
    # api/staff/passwords.py: check_password raises the reason password_problem finds
    Message(passwords.TOO_SHORT, note="{limit}: the least number of characters."),
    Message(passwords.TOO_LONG, note="{limit}: the most characters a password may have."),
    Message(passwords.ONLY_SPACES),
    Message(passwords.CONTAINS_EMAIL),
    Message(passwords.COMMON),
    # api/registrations/answers.py: an answer with characters that are not text (api.schemas.printable)
    Message("must not contain NUL characters", note="Said of the answer to a sign-up question."),
    Message("must be valid Unicode text", note="Said of the answer to a sign-up question."),
    # FastAPI's own detail when a request body cannot be read
    Message("There was an error parsing the body"),
    # api/translations/files.py: why an uploaded translation file cannot be read
    *(Message(text, note="Said of a translation file a staff member uploaded.") for text in UNREADABLE),
]

# What the placeholders of a detail hold, for the translator.
_NOTES: dict[str, str] = {
    "Please check these fields: {fields}.": "{fields}: the names of the fields, as the API spells them.",
    "{method} is not allowed here; use {allowed}.": "{method}, {allowed}: HTTP methods such as GET, POST.",
    "The request body is larger than {max_bytes} bytes.": "{max_bytes}: a number.",
    "{taken} seats are taken already; the capacity cannot be lower.": "{taken}: a number of seats.",
    "{taken} people are members already; the capacity cannot be lower.": "{taken}: a number of people.",
    "The members of “{group}” are appointed by the city.": "{group}: the name of a working group.",
    "The sign-up deadline of “{group}” has passed.": "{group}: the name of a working group.",
    "Unknown placeholder {placeholder}; known are {known}.": "{placeholder}, {known}: placeholders like {name}.",
    "A logo may be at most {limit} KB.": "{limit}: a number of kilobytes.",
    "Please read and accept the current privacy notice (version {version}).": "{version}: a number.",
    "The phase “{phase}” must lie within the process, {starts_on} to {ends_on}.": (
        "{phase}: the name of a phase; {starts_on}, {ends_on}: dates like 2027-05-01."
    ),
    "The phase overlaps “{other}”, {starts_on} to {ends_on}; phases follow one another.": (
        "{other}: the name of another phase; {starts_on}, {ends_on}: dates like 2027-05-01."
    ),
    "Please answer in at most {limit} characters.": "{limit}: a number.",
    "Please answer with one of: {options}.": "{options}: the options of the question, separated by commas.",
    "Please answer with a list of distinct options from: {options}.": (
        "{options}: the options of the question, separated by commas."
    ),
    "Sign-up opens on {opens} ({timezone}).": "{opens}: a date and time like 2027-05-01 18:00; {timezone}: "
    "a time zone like Europe/Berlin.",
    "The sign-up deadline was {closed} ({timezone}).": "{closed}: a date and time like 2027-05-01 18:00; "
    "{timezone}: a time zone like Europe/Berlin.",
    "Too many requests from your address. Please try again in {count} second.": "{count}: a number of seconds.",
    "Too many failed logins from this device. Please try again in {count} minute, or reset your password.": (
        "{count}: a number of minutes."
    ),
    "A webhook receiver must use a standard https port ({allowed}).": "{allowed}: port numbers such as 443.",
}


def messages() -> list[Message]:
    """Every msgid of the `problems` catalogue, each once."""
    declared: list[Message] = [
        Message(title, note=f"Title of the problem type `{slug}`.") for slug, title in errors.PROBLEM_TYPES.items()
    ]
    declared += [
        Message(text, note=f"Message for a field with the error `{kind}`.")
        for kind, text in errors.KIND_MESSAGES.items()
    ]
    declared += [
        Message(text, note=f"Message for a list with the error `{kind}`: {{limit}} counts entries.")
        for kind, text in errors.ITEM_KIND_MESSAGES.items()
    ]
    declared += [Message(d.msgid, plural=d.plural, note=_NOTES.get(d.msgid)) for d in scan_details().details]
    declared += _DECLARED_BY_HAND
    unique: dict[str, Message] = {}
    for message in declared:
        unique.setdefault(message.msgid, message)
    return list(unique.values())
