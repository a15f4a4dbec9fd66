"""A resident signs up for the online kickoff through the API alone: mail, confirm, access details, cancel."""

from __future__ import annotations

from tests.builders import published_event, published_process
from tests.signup_helpers import mails_to, manage_token, sign_up, with_privacy_notice


async def test_resident_signs_up_confirms_sees_access_details_and_cancels(client, city, db):
    await with_privacy_notice(db, city)
    process = await published_process(client, city.headers)
    event = await published_event(client, city.headers, process["id"])

    response = await sign_up(client, city, event["id"])
    assert response.status_code == 202, response.text
    assert response.json()["status"] == "pending"
    assert "Geheim-4711" not in response.text

    [mail] = await mails_to(db, "amira@example.org")
    assert mail.kind == "confirm_registration"
    assert "Geheim-4711" not in mail.body_text  # no access details before the e-mail is confirmed
    token = manage_token(mail)

    pending = await client.get(f"/manage/registrations/{token}")
    assert pending.json()["status"] == "pending"
    assert pending.json()["online_access"] is None

    confirmed = await client.post(f"/manage/registrations/{token}/confirm")
    assert confirmed.status_code == 200, confirmed.text
    assert confirmed.json()["status"] == "confirmed"
    ics = f"http://127.0.0.1:8000/api/v1/orgs/{city.slug}/events/{event['id']}.ics"
    assert confirmed.json()["calendar"]["ics_url"] == ics
    mails = await mails_to(db, "amira@example.org")
    assert [m.kind for m in mails] == ["confirm_registration", "registration_confirmed"]
    assert "Geheim-4711" in mails[-1].body_text
    assert mails[-1].attachments[0]["content"].startswith("BEGIN:VCALENDAR")

    staff_view = await client.get(f"/staff/events/{event['id']}", headers=city.headers)
    assert staff_view.json()["registration_counts"]["confirmed"] == 1
    assert staff_view.json()["seats_left"] == 99

    cancelled = await client.post(f"/manage/registrations/{token}/cancel")
    assert cancelled.json()["status"] == "cancelled"
    assert cancelled.json()["online_access"] is None
    assert cancelled.json()["calendar"] is None  # a cancelled registration has nothing to add to a calendar
    staff_view = await client.get(f"/staff/events/{event['id']}", headers=city.headers)
    assert staff_view.json()["seats_left"] == 100
