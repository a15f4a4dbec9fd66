"""Data protection (DSGVO): a person's data export and erasure, by manage link and by staff."""

from __future__ import annotations

from fastapi import APIRouter

public_router = APIRouter(tags=["public: my data"])
staff_router = APIRouter(prefix="/staff", tags=["staff: data protection"])
