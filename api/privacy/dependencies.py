"""The person a data-protection request is about: only staff who handle such requests may name them."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import Depends

from api.authz import P, authorize
from api.deps import Caller, Session
from api.participants.models import Participant
from api.privacy import people


async def participant_to_serve(session: Session, caller: Caller, participant_id: uuid.UUID) -> Participant:
    authorize(caller, P.privacy_manage)  # before the look-up: nobody else learns whether the id exists
    return await people.get_for_staff(session, caller.organization, participant_id)


ParticipantToServe = Annotated[Participant, Depends(participant_to_serve)]
