"""participant district

The district (Stadtteil) a person lives in, chosen at sign-up from the city's list, for the statistics
of the process's reach.

Revision ID: 3c8e51d0a7b4
Revises: b64c5c2e4a78
Create Date: 2026-12-07 02:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "3c8e51d0a7b4"
down_revision: str | None = "b64c5c2e4a78"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("participants", schema=None) as batch_op:
        batch_op.add_column(sa.Column("district", sa.String(length=100), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("participants", schema=None) as batch_op:
        batch_op.drop_column("district")
