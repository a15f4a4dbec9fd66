"""Change notices: moving an event, changing its place or format, postponing it, putting it on again or
cancelling it tells every person who may still come, once, in their language, old → new, with the
updated calendar entry for those who have one; a minor edit tells nobody."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import icalendar
import pytest

from tests.builders import in_person, local, problem, published_event, published_group, published_process
from tests.signup_helpers import latest_token, mails_to, sign_up, with_privacy_notice

TOLD = ("pending@example.org", "confirmed@example.org", "offered@example.org", "waiting@example.org")
NOT_TOLD = ("left@example.org",)
NOTICES = ("event_changed", "event_postponed", "event_resumed", "event_cancelled")


@pytest.fixture
async def signed_up(client: httpx.AsyncClient, city, db) -> dict[str, Any]:
    """An event with one person in each status a notice goes to, one who left, and one without e-mail."""
    await with_privacy_notice(db, city)
    process = await published_process(client, city.headers)
    event = await published_event(client, city.headers, process["id"], capacity=4, waitlist_enabled=True)
    path = f"/staff/events/{event['id']}"
    assert (await sign_up(client, city, event["id"], email="pending@example.org")).status_code == 202
    for email in ("confirmed@example.org", "left@example.org"):
        await sign_up(client, city, event["id"], email=email, preferred_language="en")
        confirmed = await client.post(f"/manage/registrations/{await latest_token(db, email)}/confirm")
        assert confirmed.json()["status"] == "confirmed", confirmed.text
    phone = {
        "full_name": "Hans Müller",
        "phone": "0151 2345678",
        "channel": "phone",
        "consent": {"privacy_notice_version": 1},
    }
    assert (await client.post(f"{path}/registrations", json=phone, headers=city.headers)).status_code == 201
    for email in ("offered@example.org", "waiting@example.org"):
        assert (await sign_up(client, city, event["id"], email=email)).json()["status"] == "waitlisted"
    left = await client.post(f"/manage/registrations/{await latest_token(db, 'left@example.org')}/cancel")
    assert left.json()["status"] == "cancelled"
    assert (await mails_to(db, "offered@example.org"))[-1].kind == "seat_offered"
    return {"event": event, "path": path, "process": process}


async def notices_to(db: Any, email: str) -> list[Any]:
    return [mail for mail in await mails_to(db, email) if mail.kind in NOTICES]


def calendar_entry(mail: Any) -> Any:
    [attachment] = mail.attachments
    [entry] = icalendar.Calendar.from_ical(attachment["content"]).walk("VEVENT")
    return entry


async def test_a_new_time_tells_everyone_who_may_come_once_old_and_new(client, city, db, signed_up):
    path, event = signed_up["path"], signed_up["event"]
    body = {"starts_at": local(15, 17), "ends_at": local(15, 19), "notice_note": "Der Saal war doppelt gebucht."}

    preview = await client.post(f"{path}/notice-preview", json={"changes": body}, headers=city.headers)
    assert preview.status_code == 200, preview.text
    assert preview.json() == {"changes": ["when"], "notified": 4, "to_call": 1}
    for email in TOLD:
        assert await notices_to(db, email) == []  # the preview saved and sent nothing

    changed = await client.patch(path, json=body, headers=city.headers)
    assert changed.status_code == 200, changed.text
    for email in TOLD:
        [notice] = await notices_to(db, email)
        assert notice.kind == "event_changed"
        assert "Der Saal war doppelt gebucht." in notice.body_text
    for email in NOT_TOLD:
        assert await notices_to(db, email) == []

    [german] = await notices_to(db, "pending@example.org")
    assert german.subject == f"Geändert: {event['title']}"
    assert "bisher: " in german.body_text
    assert "16:00" in german.body_text
    assert "17:00" in german.body_text
    [english] = await notices_to(db, "confirmed@example.org")
    assert english.subject == f"Changed: {event['title']}"
    assert "before: " in english.body_text
    assert "now: " in english.body_text

    # The confirmed person's calendar replaces its entry: same UID, higher SEQUENCE, the new start.
    first = next(m for m in await mails_to(db, "confirmed@example.org") if m.kind == "registration_confirmed")
    old_entry, new_entry = calendar_entry(first), calendar_entry(english)
    assert str(new_entry["UID"]) == str(old_entry["UID"])
    assert int(new_entry["SEQUENCE"]) > int(old_entry["SEQUENCE"])
    assert new_entry.decoded("DTSTART").isoformat() == local(15, 17)
    assert "Geheim-4711" in english.body_text  # the confirmed get their access details again
    # Those without a seat get no calendar entry and no access details.
    for email in ("pending@example.org", "waiting@example.org", "offered@example.org"):
        [notice] = await notices_to(db, email)
        assert notice.attachments == []
        assert "Geheim-4711" not in notice.body_text


async def test_saving_the_same_change_again_tells_nobody_again(client, city, db, signed_up):
    body = {"starts_at": local(15, 17), "ends_at": local(15, 19)}
    saves = await asyncio.gather(*(client.patch(signed_up["path"], json=body, headers=city.headers) for _ in range(2)))
    assert [save.status_code for save in saves] == [200, 200]
    again = await client.patch(signed_up["path"], json=body, headers=city.headers)
    assert again.status_code == 200
    for email in TOLD:
        assert len(await notices_to(db, email)) == 1


async def test_a_minor_edit_tells_nobody(client, city, db, signed_up):
    body = {"title": "Digitaler Auftakt", "description": "Mit Tippfehler-Korrektur.", "capacity": 50}
    preview = await client.post(f"{signed_up['path']}/notice-preview", json={"changes": body}, headers=city.headers)
    assert preview.json() == {"changes": [], "notified": 0, "to_call": 0}
    assert (await client.patch(signed_up["path"], json=body, headers=city.headers)).status_code == 200
    for email in TOLD:
        assert await notices_to(db, email) == []


async def test_a_new_place_and_format_is_told_with_old_and_new_place(client, city, db, signed_up):
    body = in_person(venue={"name": "Bürgerhaus Nord", "address": "Lindenweg 3", "step_free": False})
    preview = await client.post(f"{signed_up['path']}/notice-preview", json={"changes": body}, headers=city.headers)
    assert preview.json()["changes"] == ["where"]
    assert (await client.patch(signed_up["path"], json=body, headers=city.headers)).status_code == 200
    [notice] = await notices_to(db, "pending@example.org")
    assert "bisher: Online" in notice.body_text
    assert "neu: Bürgerhaus Nord, Lindenweg 3 (nicht stufenlos erreichbar)" in notice.body_text
    [confirmed] = await notices_to(db, "confirmed@example.org")
    assert "Geheim-4711" not in confirmed.body_text  # in person now: the old access details are not repeated


async def test_new_access_details_reach_only_the_confirmed(client, city, db, signed_up):
    body = {"online_access": {"join_url": "https://meet.example/new-room", "passcode": "Neu-0815"}}
    preview = await client.post(f"{signed_up['path']}/notice-preview", json={"changes": body}, headers=city.headers)
    assert preview.json() == {"changes": ["access"], "notified": 1, "to_call": 1}  # the phone sign-up is confirmed
    assert (await client.patch(signed_up["path"], json=body, headers=city.headers)).status_code == 200
    [notice] = await notices_to(db, "confirmed@example.org")
    assert "https://meet.example/new-room" in notice.body_text
    assert "Neu-0815" in notice.body_text
    for email in ("pending@example.org", "offered@example.org", "waiting@example.org"):
        assert await notices_to(db, email) == []


async def test_postponed_then_on_again_at_a_new_date(client, city, db, signed_up):
    path = signed_up["path"]
    preview = await client.post(f"{path}/notice-preview", json={"action": "postpone"}, headers=city.headers)
    assert preview.json() == {"changes": [], "notified": 4, "to_call": 1}
    postponed = await client.post(
        f"{path}/postpone", json={"reason": "Krankheit", "notice_note": "Bis bald!"}, headers=city.headers
    )
    assert postponed.status_code == 200, postponed.text
    for email in TOLD:
        [notice] = await notices_to(db, email)
        assert notice.kind == "event_postponed"
    [english] = await notices_to(db, "confirmed@example.org")
    assert "Krankheit" in english.body_text
    assert "Bis bald!" in english.body_text
    assert str(calendar_entry(english)["STATUS"]) == "TENTATIVE"
    problem(await client.post(f"{path}/postpone", headers=city.headers), 409, slug="event-postponed-already")

    # Setting the new date tells nobody yet; putting the event on again tells it once.
    new_date = {"starts_at": local(30, 10), "ends_at": local(30, 12)}
    preview = await client.post(f"{path}/notice-preview", json={"changes": new_date}, headers=city.headers)
    assert preview.json()["notified"] == 0
    assert (await client.patch(path, json=new_date, headers=city.headers)).status_code == 200
    preview = await client.post(f"{path}/notice-preview", json={"action": "publish"}, headers=city.headers)
    assert preview.json() == {"changes": [], "notified": 4, "to_call": 1}
    # Publishing has no public reason to give: one sent is refused rather than dropped unseen.
    problem(await client.post(f"{path}/publish", json={"reason": "Neu"}, headers=city.headers), 422, "reason")
    published = await client.post(f"{path}/publish", json={"notice_note": "Wir freuen uns!"}, headers=city.headers)
    assert published.status_code == 200
    for email in TOLD:
        assert [n.kind for n in await notices_to(db, email)] == ["event_postponed", "event_resumed"]
        assert "Wir freuen uns!" in (await notices_to(db, email))[-1].body_text
    resumed = (await notices_to(db, "confirmed@example.org"))[-1]
    entry = calendar_entry(resumed)
    assert str(entry["STATUS"]) == "CONFIRMED"
    assert entry.decoded("DTSTART").isoformat() == local(30, 10)
    assert int(entry["SEQUENCE"]) > int(calendar_entry(english)["SEQUENCE"])


async def test_cancelling_tells_everyone_once_and_cancels_the_calendar_entry(client, city, db, signed_up):
    path = signed_up["path"]
    cancelled = await client.post(
        f"{path}/cancel", json={"reason": "Unwetter", "notice_note": "Wir holen es nach."}, headers=city.headers
    )
    assert cancelled.status_code == 200
    for email in TOLD:
        [notice] = await notices_to(db, email)
        assert notice.kind == "event_cancelled"
        assert "Wir holen es nach." in notice.body_text
    [english] = await notices_to(db, "confirmed@example.org")
    assert str(calendar_entry(english)["STATUS"]) == "CANCELLED"
    problem(await client.post(f"{path}/cancel", headers=city.headers), 409)
    assert len(await notices_to(db, "pending@example.org")) == 1


async def test_the_preview_checks_the_change_as_saving_would_and_is_for_event_writers(
    client, city, other_city, db, signed_up
):
    path = signed_up["path"]
    backwards = {"changes": {"starts_at": local(15, 19), "ends_at": local(15, 17)}}
    problem(await client.post(f"{path}/notice-preview", json=backwards, headers=city.headers), 422, "ends_at")
    problem(await client.post(f"{path}/notice-preview", json={"action": "move"}, headers=city.headers), 422, "action")
    problem(await client.post(f"{path}/notice-preview", json={"changes": {}}, headers=other_city.headers), 404)
    fine = await client.post(f"{path}/notice-preview", json={"changes": {"capacity": 5}}, headers=city.headers)
    assert fine.status_code == 200
    unchanged = await client.get(path, headers=city.headers)
    assert unchanged.json()["starts_at"] == signed_up["event"]["starts_at"]
    assert unchanged.json()["capacity"] == 4
    audit = (await client.get("/staff/audit", headers=city.headers)).json()["items"]
    assert "preview_notice" not in {entry["action"] for entry in audit}  # a question, not a change


async def test_members_hear_of_a_new_meeting_of_their_group(client, city, db):
    await with_privacy_notice(db, city)
    process = await published_process(client, city.headers)
    group = await published_group(client, city.headers, process["id"])
    members = (("mitglied@example.org", "de"), ("member@example.org", "en"), ("former@example.org", "de"))
    for email, language in members:
        person = {"full_name": "Mitglied", "email": email, "preferred_language": language}
        body = {**person, "consent": {"privacy_notice_version": 1}}
        added = await client.post(f"/staff/groups/{group['id']}/memberships", json=body, headers=city.headers)
        assert added.status_code == 201, added.text
    former = added.json()["id"]
    withdrawn = await client.post(f"/staff/memberships/{former}/withdraw", json={}, headers=city.headers)
    assert withdrawn.status_code == 200, withdrawn.text
    draft = await client.post("/staff/events", json=_meeting(process["id"], group["id"]), headers=city.headers)
    assert draft.status_code == 201, draft.text
    assert await group_meeting_mails(db, "mitglied@example.org") == []  # a draft is news to nobody
    published = await client.post(f"/staff/events/{draft.json()['id']}/publish", headers=city.headers)
    assert published.status_code == 200
    [german] = await group_meeting_mails(db, "mitglied@example.org")
    assert german.subject == "Neues Treffen der Gruppe „AG Bildung“"
    assert f"/{city.slug}/events/{draft.json()['id']}" in german.body_text
    assert "Jetzt anmelden" in german.body_text
    [english] = await group_meeting_mails(db, "member@example.org")
    assert english.subject == "New meeting of the group “AG Bildung”"
    assert await group_meeting_mails(db, "former@example.org") == []  # only members hear of it
    # Postponed and on again is not a new meeting.
    await client.post(f"/staff/events/{draft.json()['id']}/postpone", headers=city.headers)
    await client.post(f"/staff/events/{draft.json()['id']}/publish", headers=city.headers)
    assert len(await group_meeting_mails(db, "mitglied@example.org")) == 1


def _meeting(process_id: str, group_id: str) -> dict[str, Any]:
    return {
        "process_id": process_id,
        "group_id": group_id,
        "title": "Zweites Treffen",
        "kind": "group_meeting",
        "starts_at": local(10, 18),
        "ends_at": local(10, 20),
        **in_person(),
    }


async def group_meeting_mails(db: Any, email: str) -> list[Any]:
    return [mail for mail in await mails_to(db, email) if mail.kind == "group_meeting"]
