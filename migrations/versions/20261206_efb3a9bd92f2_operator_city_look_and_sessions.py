"""operator, city look and sessions

A platform operator flag on staff, the client that holds an unconfirmed seat, the city's languages, districts, colour, logo and on/off switch, and
server-side staff sessions. The sessions replace `tokens_valid_after`: staff logged in before this
migration log in once more.

Revision ID: efb3a9bd92f2
Revises: a3f9c2d41b7e
Create Date: 2026-12-06 23:04:13.183999
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import api.db

revision: str = "efb3a9bd92f2"
down_revision: str | None = "a3f9c2d41b7e"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "organization_logos",
        sa.Column("organization_id", sa.Uuid(), nullable=False),
        sa.Column("content_type", sa.String(length=40), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("updated_at", api.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_organization_logos_organization_id_organizations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("organization_id", name=op.f("pk_organization_logos")),
    )
    op.create_table(
        "staff_sessions",
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("started_at", api.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("ended_at", api.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["staff_users.id"], name=op.f("fk_staff_sessions_user_id_staff_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_sessions")),
    )
    with op.batch_alter_table("staff_sessions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_staff_sessions_user_id"), ["user_id"], unique=False)

    with op.batch_alter_table("organizations", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "languages",
                sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
                server_default='["de"]',
                nullable=False,
            )
        )
        batch_op.add_column(
            sa.Column(
                "districts",
                sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
                server_default="[]",
                nullable=False,
            )
        )
        batch_op.add_column(sa.Column("brand_color", sa.String(length=7), nullable=True))
        batch_op.add_column(sa.Column("logo_version", sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column("is_active", sa.Boolean(), server_default="true", nullable=False))

    with op.batch_alter_table("registrations", schema=None) as batch_op:
        batch_op.add_column(sa.Column("hold_client", sa.String(length=64), nullable=True))
        batch_op.create_index(batch_op.f("ix_registrations_hold_client"), ["hold_client"], unique=False)

    with op.batch_alter_table("staff_users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("is_operator", sa.Boolean(), server_default="false", nullable=False))
        batch_op.drop_column("tokens_valid_after")


def downgrade() -> None:
    with op.batch_alter_table("registrations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_registrations_hold_client"))
        batch_op.drop_column("hold_client")

    with op.batch_alter_table("staff_users", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "tokens_valid_after", api.db.UTCDateTime(timezone=True), server_default=sa.func.now(), nullable=False
            )
        )
        batch_op.drop_column("is_operator")

    with op.batch_alter_table("organizations", schema=None) as batch_op:
        batch_op.drop_column("is_active")
        batch_op.drop_column("logo_version")
        batch_op.drop_column("brand_color")
        batch_op.drop_column("districts")
        batch_op.drop_column("languages")

    with op.batch_alter_table("staff_sessions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_staff_sessions_user_id"))

    op.drop_table("staff_sessions")
    op.drop_table("organization_logos")
