"""Problem answers in the caller's language: title, detail and field messages follow `?lang=` or
Accept-Language (Content-Language names the language), while `type`, `kind`, `limit` and `field` stay the
same in every language, for clients that translate by them. No language asked for: English, as always."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from api import errors
from api.i18n.catalogues import LOCALES, catalogue
from api.i18n.pot import missing_in, render, template, template_path
from api.problem_texts import messages, scan_details
from tests.builders import problem, process_body, published_event, published_process, set_seats_taken
from tests.signup_helpers import person, with_privacy_notice

GERMAN = {"Accept-Language": "de-DE,de;q=0.9"}
ARABIC = {"Accept-Language": "ar-SY,ar;q=0.9,en;q=0.5"}
_PLACEHOLDER = re.compile(r"\{[a-z_]+\}")


def bad_process() -> dict[str, Any]:
    """A process with its start date missing and a title 60 characters over the limit of 200."""
    body = process_body(title="x" * 260)
    del body["starts_on"]
    return body


def messages_by_field(body: dict[str, Any]) -> dict[str, str]:
    return {error["field"]: error["message"] for error in body["errors"]}


def shape(body: dict[str, Any]) -> tuple[Any, ...]:
    """What a client that translates by itself relies on: the same in every language."""
    errors = tuple(sorted((e["field"], e["location"], e["kind"], e["limit"]) for e in body.get("errors") or []))
    return body["type"], body["status"], errors


# --- validation errors ---------------------------------------------------------------------------


async def test_a_german_caller_reads_the_validation_error_in_german(client, city):
    response = await client.post("/staff/processes", json=bad_process(), headers={**city.headers, **GERMAN})

    body = problem(response, 422, "title", slug="validation-error")
    assert response.headers["content-language"] == "de"
    assert body["title"] == "Ungültige Eingabe"
    assert body["detail"] == "Bitte prüfen Sie diese Felder: starts_on, title."
    assert messages_by_field(body) == {
        "starts_on": "Bitte füllen Sie dieses Feld aus.",
        "title": "Bitte geben Sie höchstens 200 Zeichen ein.",
    }
    kinds = {e["field"]: (e["kind"], e["limit"]) for e in body["errors"]}
    assert kinds == {"starts_on": ("required", None), "title": ("too-long", 200)}


async def test_an_arabic_caller_reads_the_validation_error_in_arabic(client, city):
    response = await client.post("/staff/processes", json=bad_process(), headers={**city.headers, **ARABIC})

    body = problem(response, 422, "title", slug="validation-error")
    assert response.headers["content-language"] == "ar"
    assert body["title"] == "إدخال غير صالح"
    assert body["detail"] == "يرجى التحقق من هذه الحقول: starts_on, title."
    assert messages_by_field(body) == {
        "starts_on": "يرجى ملء هذا الحقل.",
        "title": "يرجى إدخال 200 حرفاً على الأكثر.",
    }


async def test_without_a_language_the_answer_is_english_as_before(client, city):
    response = await client.post("/staff/processes", json=bad_process(), headers=city.headers)

    body = problem(response, 422, "title", slug="validation-error")
    assert response.headers["content-language"] == "en"
    assert body["title"] == "Invalid input"
    assert body["detail"] == "Please check these fields: starts_on, title."
    # Pydantic's own English messages, exactly as the API sent them before it spoke other languages.
    assert messages_by_field(body) == {
        "starts_on": "Field required",
        "title": "String should have at most 200 characters",
    }


async def test_turkish_is_asked_for_with_lang_and_falls_back_to_english_until_it_is_translated(client, city):
    response = await client.post("/staff/processes?lang=tr", json=bad_process(), headers={**city.headers, **GERMAN})

    body = problem(response, 422, "title", slug="validation-error")
    turkish = catalogue("problems", "tr")
    if turkish is None:
        # ?lang= wins over the browser's German; with no Turkish catalogue yet the answer is English.
        assert response.headers["content-language"] == "en"
        assert body["title"] == "Invalid input"
        assert body["detail"] == "Please check these fields: starts_on, title."
    else:
        assert response.headers["content-language"] == "tr"
        assert body["title"] == turkish.get("Invalid input").string
        assert body["detail"] == turkish.get("Please check these fields: {fields}.").string.format(
            fields="starts_on, title"
        )
        assert messages_by_field(body)["title"] == turkish.get(
            "Please enter at most {limit} characters."
        ).string.format(limit=200)


async def test_type_kind_limit_and_field_are_the_same_in_every_language(client, city):
    answers = []
    for headers, query in (({}, ""), (GERMAN, ""), (ARABIC, ""), ({}, "?lang=tr"), ({}, "?lang=fa")):
        response = await client.post(
            f"/staff/processes{query}", json=bad_process(), headers={**city.headers, **headers}
        )
        answers.append(problem(response, 422, slug="validation-error"))

    assert len({shape(body) for body in answers}) == 1
    assert len({body["title"] for body in answers[:3]}) == 3  # and English, German and Arabic read differently


# --- refusals of the domain -------------------------------------------------------------------------


async def test_a_refusal_with_a_number_is_worded_in_german_with_the_number(client, db, city):
    process = await published_process(client, city.headers)
    event = await published_event(client, city.headers, process["id"], capacity=20)
    await set_seats_taken(db, event["id"], 12)

    response = await client.patch(
        f"/staff/events/{event['id']}", json={"capacity": 11}, headers={**city.headers, **GERMAN}
    )

    body = problem(response, 409, "capacity", slug="conflict")
    assert response.headers["content-language"] == "de"
    assert body["title"] == "Konflikt"
    assert body["detail"] == "12 Plätze sind schon vergeben. Die Platzzahl kann nicht niedriger sein."
    assert body["errors"] == [
        {
            "field": "capacity",
            "location": "body",
            "message": body["detail"],
            "kind": "capacity-below-taken",
            "limit": None,
        }
    ]

    english = await client.patch(f"/staff/events/{event['id']}", json={"capacity": 11}, headers=city.headers)
    assert problem(english, 409, "capacity")["detail"] == "12 seats are taken already; the capacity cannot be lower."
    assert shape(english.json()) == shape(body)


async def test_a_resident_signing_up_for_a_full_event_reads_it_in_arabic(client, db, city):
    await with_privacy_notice(db, city)
    process = await published_process(client, city.headers)
    event = await published_event(client, city.headers, process["id"], capacity=1, waitlist_enabled=False)
    path = f"/orgs/{city.slug}/events/{event['id']}/registrations"
    assert (await client.post(path, json=person())).status_code == 202

    response = await client.post(path, json=person("neu@example.org", preferred_language="ar"), headers=ARABIC)

    body = problem(response, 409, slug="event-full")
    assert response.headers["content-language"] == "ar"
    assert body["title"] == "تعارض"
    assert body["detail"] == "هذه الفعالية محجوزة بالكامل."


async def test_an_unknown_id_is_named_in_the_callers_language(client, city):
    unknown = "/staff/events/00000000-0000-4000-8000-000000000000"

    german = problem(await client.get(unknown, headers={**city.headers, **GERMAN}), 404, slug="not-found")
    arabic = problem(await client.get(unknown, headers={**city.headers, **ARABIC}), 404, slug="not-found")

    assert (german["title"], german["detail"]) == (
        "Nicht gefunden",
        "In Ihrer Organisation gibt es keine Veranstaltung mit dieser ID.",
    )
    assert (arabic["title"], arabic["detail"]) == ("غير موجود", "لا توجد فعالية بهذا المعرّف في مؤسستك.")


# --- routing ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("headers", "language", "title", "detail"),
    [
        ({}, "en", "Not found", "There is nothing at this address."),
        (GERMAN, "de", "Nicht gefunden", "Unter dieser Adresse gibt es nichts."),
        (ARABIC, "ar", "غير موجود", "لا يوجد شيء على هذا العنوان."),
    ],
    ids=["en", "de", "ar"],
)
async def test_an_unknown_path_is_a_404_in_the_callers_language(client, headers, language, title, detail):
    response = await client.get("/no-such-thing", headers=headers)

    body = problem(response, 404, slug="not-found")
    assert response.headers["content-language"] == language
    assert (body["title"], body["detail"]) == (title, detail)


async def test_leichte_sprache_reads_german_until_it_has_its_own_catalogue(client):
    response = await client.get("/no-such-thing", headers={"Accept-Language": "de-x-ls"})

    body = problem(response, 404, slug="not-found")
    if catalogue("problems", "de-x-ls") is None:
        assert response.headers["content-language"] == "de"
        assert body["detail"] == "Unter dieser Adresse gibt es nichts."
    else:
        assert response.headers["content-language"] == "de-x-ls"


async def test_a_wrong_method_is_a_405_in_the_callers_language(client):
    german = await client.delete("/health", headers=GERMAN)
    arabic = await client.delete("/health?lang=ar")

    assert (
        problem(german, 405, slug="method-not-allowed")["detail"]
        == "DELETE ist hier nicht erlaubt. Bitte nutzen Sie GET."
    )
    assert german.json()["title"] == "Methode nicht erlaubt"
    assert problem(arabic, 405, slug="method-not-allowed")["detail"] == "DELETE غير مسموح هنا. يرجى استخدام GET."
    assert german.headers["allow"] == arabic.headers["allow"] == "GET"
    assert arabic.headers["content-language"] == "ar"


async def test_a_too_large_body_is_refused_in_the_callers_language(client, city):
    async def body() -> AsyncIterator[bytes]:
        yield b"{}"

    headers = {**city.headers, **GERMAN, "Content-Type": "application/json", "Content-Length": str(10**12)}
    response = await client.post("/staff/processes", content=body(), headers=headers)

    body = problem(response, 413, slug="payload-too-large")
    assert response.headers["content-language"] == "de"
    assert body["title"] == "Anfrage zu groß"
    assert body["detail"].startswith("Die Anfrage ist größer als ")


# --- the catalogue ------------------------------------------------------------------------------------


def test_the_template_holds_exactly_what_the_code_declares():
    assert template_path("problems").read_bytes() == render(template("problems", messages())), (
        "run `python -m api catalogues` and hand the new problems.pot to the translators"
    )


@pytest.mark.parametrize("language", ["de", "ar"])
def test_german_and_arabic_are_complete(language):
    assert missing_in("problems", language, messages()) == []


def test_every_translation_keeps_the_placeholders_of_its_message():
    plural_ids = {m.msgid for m in messages() if m.plural}
    for path in sorted((LOCALES / "problems").glob("*.po")):
        po = catalogue("problems", path.stem)
        assert po is not None
        for message in po:
            if not message.id or not message.string:
                continue
            msgid = message.id[0] if isinstance(message.id, tuple) else message.id
            forms = message.string if isinstance(message.string, tuple) else (message.string,)
            wanted = set(_PLACEHOLDER.findall(msgid))
            for form in filter(None, forms):
                found = set(_PLACEHOLDER.findall(form))
                # A plural form may say its number in words ("one minute", Arabic's dual) and leave {count} out.
                optional = {"{count}"} if msgid in plural_ids else set()
                assert wanted - optional <= found <= wanted, f"{path.name}: {msgid!r} → {form!r}"


def test_every_field_error_kind_has_a_sentence_for_people():
    assert set(errors.KIND_MESSAGES) == set(errors.FIELD_ERROR_KINDS)
    for kind, sentence in errors.KIND_MESSAGES.items():
        # The size kinds name their limit; a person must read the number, not just "too long".
        assert ("{limit}" in sentence) == (
            kind in {"too-long", "too-short", "too-small", "too-large", "file-too-large"}
        )


def test_every_detail_the_code_raises_is_in_the_catalogue():
    scan = scan_details()
    msgids = {message.msgid for message in messages()}

    assert not scan.formatted, "a detail is formatted in code; pass a template and params= instead"
    missing = [f"{found.where}: {found.msgid!r}" for found in scan.details if found.msgid not in msgids]
    assert not missing, "details missing in api/problem_texts.py (run `python -m api catalogues`)"
    # The scan sees raise sites of every shape: a literal, a constant, a default and a plural.
    found = {detail.msgid for detail in scan.details}
    assert {
        "This event is fully booked.",
        "There is no event with this id in your organization.",
        "A valid bearer token is required.",
        "Too many requests from your address. Please try again in {count} second.",
        "The request body is larger than {max_bytes} bytes.",
    } <= found


async def test_a_problem_answer_names_its_language_for_caches(client: httpx.AsyncClient):
    response = await client.get("/no-such-thing", headers=GERMAN)

    assert "accept-language" in response.headers["vary"].lower()
