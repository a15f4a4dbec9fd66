"""API clients of the city's systems (CMS, apps): scoped keys, shown once, stored hashed."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(prefix="/staff/clients", tags=["staff: API clients"])
