"""translations

Every text a resident reads can be kept in several languages: one row per object, text and language,
so a city adds a language without a migration. `source_digest` tells a translation made from an
earlier original (out of date) from a current one.

Revision ID: 7d2f1c9e5a10
Revises: 3c8e51d0a7b4
Create Date: 2026-12-07 06:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import api.db

revision: str = "7d2f1c9e5a10"
down_revision: str | None = "3c8e51d0a7b4"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "translations",
        sa.Column("organization_id", sa.Uuid(), nullable=False),
        sa.Column("subject", sa.String(length=30), nullable=False),
        sa.Column("subject_id", sa.Uuid(), nullable=False),
        sa.Column("field", sa.String(length=120), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("source_digest", sa.String(length=16), nullable=False),
        sa.Column("updated_at", api.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.Uuid(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(["organization_id"], ["organizations.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["updated_by"], ["staff_users.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("subject", "subject_id", "field", "language"),
    )
    op.create_index("ix_translations_lookup", "translations", ["organization_id", "language", "subject_id"])


def downgrade() -> None:
    op.drop_index("ix_translations_lookup", table_name="translations")
    op.drop_table("translations")
