"""Every message the mails can ask the `mails` catalogue for, with notes for the translators.

`python -m api catalogues` writes `api/locales/mails/mails.pot` from this list; a test renders every
mail and fails if a mail asks for a msgid not declared here, and another if the template is stale.
The msgid is the English text (English needs no catalogue). Placeholders such as `{title}` must stay
exactly as they are; a line break (`\\n`) in a msgid stays a line break in the translation.
"""

from __future__ import annotations

from collections.abc import Iterable

from api.i18n.pot import Message

_AFTER_GREETING = (
    "Follows the greeting “Hello {name},” in the same sentence: in languages that continue after the comma "
    "in lower case (German), start in lower case."
)
_QUOTED_TITLE = "{title} is the event's title, already in quotation marks of the mail's language."
_QUOTED_GROUP = "{group} is the working group's name, already in quotation marks of the mail's language."
_TITLE = "Subject line. {title} is the event's title."
_DEADLINE = "{until} is a date and time in words, e.g. “Friday, 4 December 2026, 12:00”."
_LINK = "The label of a button; in the plain-text mail it is followed by a colon and the link."
_LABEL = "A label in a table of facts; the value follows after a colon."
_STATUS = "A registration's or membership's status, shown after “Status:”. Lower case where the language allows."


def _shared() -> Iterable[Message]:
    yield Message("Hello {name},", note="The greeting that opens every mail. {name} is the person's full name.")
    yield Message("Hello,", note="The greeting when we do not know the person's name.")
    yield Message(
        "Any questions? We are happy to help:", note="Followed on the next line by the office's phone and e-mail."
    )
    yield Message("Best wishes", note="The sign-off; the office's name follows on the next line.")
    yield Message("Event", note=_LABEL)
    yield Message("When", note=_LABEL)
    yield Message("Where", note=_LABEL)
    yield Message("Status", note=_LABEL)
    yield Message("Reason: {reason}", note="{reason} is the reason staff gave, in their own words.")
    yield Message("View or cancel your registration", note=_LINK)
    yield Message(
        "If you cannot come after all, please cancel. Then someone else can have your place.",
        note="Before the link to view or cancel the registration.",
    )
    # Online access details, only for people with a confirmed place
    yield Message("Access details for joining online", note="Title of the box with the online meeting's details.")
    yield Message("Join online", note=_LINK)
    yield Message("Meeting ID", note=_LABEL)
    yield Message("Passcode", note=_LABEL)
    yield Message("Dial-in by phone", note=_LABEL + " The value is a phone number.")
    yield Message("Please do not share these details.")
    # Where an event takes place (also in calendar entries)
    yield Message("Online", note="Where an event takes place: it is held online only.")
    yield Message("{venue} – and online", note="Where a hybrid event takes place. {venue} is the venue's address.")
    yield Message("step-free", note="In brackets after the venue: wheelchair users can reach it without steps.")
    yield Message("not step-free", note="In brackets after the venue: there are steps on the way in.")


def _registrations() -> Iterable[Message]:
    # confirm_registration
    yield Message("Please confirm your registration: {title}", note=_TITLE)
    yield Message(
        "Thank you for signing up! Please confirm with one click. Only then is your registration valid.",
        note=_AFTER_GREETING,
    )
    yield Message("Please confirm by {until}. Otherwise, your registration will expire.", note=_DEADLINE)
    yield Message("Confirm registration", note=_LINK)
    yield Message("Not coming after all? Please cancel.")
    yield Message("If you did not sign up, simply ignore this email.")
    # registration_confirmed
    yield Message("Registration confirmed: {title}", note=_TITLE)
    yield Message("Thank you! Your registration is confirmed. We look forward to seeing you.", note=_AFTER_GREETING)
    # waitlisted
    yield Message("You are on the waiting list: {title}", note=_TITLE)
    yield Message(
        "Thank you for signing up! Unfortunately, all places are taken at the moment. "
        "So we have put you on the waiting list.",
        note=_AFTER_GREETING,
    )
    yield Message("If a place becomes free, we will email you right away. You can then accept it with one click.")
    yield Message("If you no longer want to wait, you can cancel here.")
    # seat_offered
    yield Message("A place is free for you: {title}", note=_TITLE)
    yield Message("Good news: a place has become free at this event. We are keeping it for you.", note=_AFTER_GREETING)
    yield Message(
        "Please accept it by {until}. After that, it goes to the next person on the waiting list.",
        note="“it” is the free place. " + _DEADLINE,
    )
    yield Message("Accept the place", note=_LINK)
    yield Message("If you cannot come, please cancel.")
    # registration_cancelled
    yield Message("Registration cancelled: {title}", note=_TITLE)
    yield Message("Your registration for this event has been cancelled.")
    yield Message(
        "Is this a mistake? Then please get in touch with us. "
        "You are also welcome to sign up again while places are available."
    )
    # registration_expired
    yield Message("Registration expired: {title}", note=_TITLE)
    yield Message(
        "You did not confirm your registration for {title} in time, so it has now expired.", note=_QUOTED_TITLE
    )
    yield Message("Would you still like to come? You are welcome to sign up again while places are available.")
    # reminder
    yield Message("Reminder: {title}", note=_TITLE)
    yield Message(
        "It is almost time! We look forward to seeing you. Here are all the details again.", note=_AFTER_GREETING
    )
    # links_resent
    yield Message("Your registration links: {title}", note=_TITLE)
    yield Message("You asked for your registration links. Here they are.")
    yield Message("We still need your confirmation.")
    yield Message("Confirm now", note=_LINK)
    yield Message("If you did not ask for these links, simply ignore this email.")


def _notices() -> Iterable[Message]:
    yield Message("A message from us", note="Title of a box with the staff's own words about the change.")
    yield Message("The calendar entry is attached. Open it and your calendar will update the date.")
    # event_cancelled
    yield Message("Cancelled: {title}", note=_TITLE + " The event has been called off.")
    yield Message("Unfortunately, we have to cancel this event. We are very sorry.", note=_AFTER_GREETING)
    yield Message("You do not need to do anything.")
    # event_changed
    yield Message("Changed: {title}", note=_TITLE)
    yield Message(
        "we have changed the event {title}. This is what is different now:",
        note=_AFTER_GREETING + " " + _QUOTED_TITLE,
    )
    yield Message(
        "before: {before}\nnow: {now}",
        note="The old and the new value of a changed time or place, on two lines. Keep the line break.",
    )
    yield Message("The online access details are new.")
    yield Message("If you cannot come at the new time, please cancel. Then someone else can have your place.")
    # event_postponed
    yield Message("Postponed: {title}", note=_TITLE)
    yield Message(
        "Unfortunately, we have to postpone this event. It will not take place on the planned date.",
        note=_AFTER_GREETING,
    )
    yield Message("Your registration stays. As soon as there is a new date, we will write to you.")
    # event_resumed
    yield Message("New date: {title}", note=_TITLE + " A postponed event has a date again.")
    yield Message(
        "the event {title} is on again. Here is the new date. Your registration still holds.",
        note=_AFTER_GREETING + " " + _QUOTED_TITLE,
    )


def _groups() -> Iterable[Message]:
    # group_meeting
    yield Message("New meeting of the group {group}", note="Subject line. " + _QUOTED_GROUP)
    yield Message(
        "the group {group} is meeting again. You are a member, so we are letting you know.",
        note=_AFTER_GREETING + " " + _QUOTED_GROUP,
    )
    yield Message("Please sign up for this meeting.")
    yield Message("You do not need to sign up.")
    yield Message("Sign up now", note=_LINK)
    yield Message("See the meeting", note=_LINK)
    # group_application
    yield Message("We have received your application", note="Subject line.")
    yield Message(
        "Thank you for your interest! We have received your application. Here is where things stand:",
        note=_AFTER_GREETING,
    )
    yield Message(
        "Please confirm your application by {until}. Only then does it count. Without confirmation it lapses.",
        note=_DEADLINE,
    )
    yield Message("Confirm your application", note=_LINK)
    yield Message("View or withdraw your application", note=_LINK)
    yield Message("We will let you know if anything changes.")
    # membership_decided
    yield Message("Welcome to the group {group}", note="Subject line. " + _QUOTED_GROUP)
    yield Message(
        "Good news: you are now a member of the group {group}. Welcome! We look forward to your ideas and experience.",
        note=_AFTER_GREETING + " " + _QUOTED_GROUP,
    )
    yield Message("View your membership", note=_LINK)
    yield Message("Waiting list: group {group}", note="Subject line. " + _QUOTED_GROUP)
    yield Message(
        "Thank you for your application! Unfortunately, the group {group} is full at the moment. "
        "So we have put you on the waiting list. If a place becomes free, we will get in touch.",
        note=_AFTER_GREETING + " " + _QUOTED_GROUP,
    )
    yield Message("View your application", note=_LINK)
    yield Message("Your application for the group {group}", note="Subject line of a refusal. " + _QUOTED_GROUP)
    yield Message(
        "Thank you for your application and your interest! Unfortunately, we cannot take you into "
        "the group {group} this time. We are sorry.\n\n"
        "There are other ways to take part, for example at our open events. We would be glad to see you there.",
        note=_AFTER_GREETING + " " + _QUOTED_GROUP + " The blank line starts a new paragraph: keep it.",
    )
    # membership_withdrawn
    yield Message("Withdrawal confirmed: group {group}", note="Subject line. " + _QUOTED_GROUP)
    yield Message(
        "You are no longer signed up for the group {group}. Thank you for letting us know.", note=_QUOTED_GROUP
    )
    yield Message("If you would like to take part again, just get in touch with us.")
    # allocation_decided
    yield Message("The places in the groups have been allocated", note="Subject line.")
    yield Message(
        "Thank you for your application! We have allocated the places in the working groups following "
        "everyone's wishes. This is your result:",
        note=_AFTER_GREETING,
    )
    yield Message("If you are on a waiting list, we will get in touch when a place becomes free.")


def _staff() -> Iterable[Message]:
    # staff_invitation
    yield Message("Invitation: your account at {org_name}", note="Subject line. {org_name} is the city office's name.")
    yield Message(
        "You are invited to work with the team of {org_name} on its participation process. "
        "We have created an account for you.",
        note="{org_name} is the city office's name.",
    )
    yield Message("Please choose your password now. Only then can you log in.")
    yield Message("Choose your password", note=_LINK)
    yield Message("The link is valid until {until} and works only once.", note=_DEADLINE)
    yield Message("If you did not expect an invitation, simply ignore this email.")
    # password_reset
    yield Message("Choose a new password", note="Subject line, and the label of the button.")
    yield Message("You asked to choose a new password for your account. You can do so with this link:")
    yield Message("If you did not ask for this, simply ignore this email. Your password stays as it is.")


def _staff_messages() -> Iterable[Message]:
    # The frame around a message staff wrote themselves (api/messages/mails.py)
    yield Message(
        "{sender} sends you this message because you signed up for {event}.",
        note="At the foot of a message from the city office. {sender} is the office's name; "
        "{event} is the event's title, already in quotation marks.",
    )
    yield Message(
        "See your sign-up or stop messages like this",
        note=_LINK + " The page also lets the person stop such messages.",
    )


def _statuses() -> Iterable[Message]:
    for msgid in (
        "not confirmed yet",
        "confirmed – your place is reserved",
        "on the waiting list",
        "a place is free – please confirm",
        "cancelled",
        "expired, not confirmed in time",
        "attended",
        "did not attend",
        "application received",
        "member",
        "not accepted this time",
        "withdrawn",
    ):
        yield Message(msgid, note=_STATUS)


def messages() -> Iterable[Message]:
    yield from _shared()
    yield from _registrations()
    yield from _notices()
    yield from _groups()
    yield from _staff()
    yield from _staff_messages()
    yield from _statuses()
