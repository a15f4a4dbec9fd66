"""staff messages

Messages from staff to an audience, the outbox mails that carry them (with whether the receiving server
refused the address), and each person's choice to get such messages or not.

Revision ID: b64c5c2e4a78
Revises: dbe9062ea4f7
Create Date: 2026-12-07 02:18:46.233041
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from sqlalchemy.dialects import postgresql

import api.db

revision: str = "b64c5c2e4a78"
down_revision: str | None = "dbe9062ea4f7"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "staff_messages",
        sa.Column("organization_id", sa.Uuid(), nullable=False),
        sa.Column("process_id", sa.Uuid(), nullable=False),
        sa.Column("event_id", sa.Uuid(), nullable=True),
        sa.Column("group_id", sa.Uuid(), nullable=True),
        sa.Column(
            "audience", sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"), nullable=False
        ),
        sa.Column(
            "texts", sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"), nullable=False
        ),
        sa.Column("sender_id", sa.Uuid(), nullable=True),
        sa.Column("recipient_count", sa.Integer(), nullable=False),
        sa.Column("to_call_count", sa.Integer(), nullable=False),
        sa.Column("opted_out_count", sa.Integer(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", api.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", api.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"], ["events.id"], name=op.f("fk_staff_messages_event_id_events"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["thematic_groups.id"],
            name=op.f("fk_staff_messages_group_id_thematic_groups"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_staff_messages_organization_id_organizations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["process_id"], ["processes.id"], name=op.f("fk_staff_messages_process_id_processes"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["sender_id"], ["staff_users.id"], name=op.f("fk_staff_messages_sender_id_staff_users"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_messages")),
    )
    with op.batch_alter_table("staff_messages", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_staff_messages_event_id"), ["event_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_staff_messages_group_id"), ["group_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_staff_messages_organization_id"), ["organization_id"], unique=False)
        batch_op.create_index("ix_staff_messages_process_created", ["process_id", "created_at", "id"], unique=False)

    with op.batch_alter_table("outbox_messages", schema=None) as batch_op:
        batch_op.add_column(sa.Column("bounced", sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column("staff_message_id", sa.Uuid(), nullable=True))
        batch_op.create_index(batch_op.f("ix_outbox_messages_staff_message_id"), ["staff_message_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_outbox_messages_staff_message_id_staff_messages"),
            "staff_messages",
            ["staff_message_id"],
            ["id"],
            ondelete="CASCADE",
        )

    with op.batch_alter_table("participants", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("receives_staff_messages", sa.Boolean(), server_default=sa.true(), nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("participants", schema=None) as batch_op:
        batch_op.drop_column("receives_staff_messages")

    with op.batch_alter_table("outbox_messages", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_outbox_messages_staff_message_id_staff_messages"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_outbox_messages_staff_message_id"))
        batch_op.drop_column("staff_message_id")
        batch_op.drop_column("bounced")

    with op.batch_alter_table("staff_messages", schema=None) as batch_op:
        batch_op.drop_index("ix_staff_messages_process_created")
        batch_op.drop_index(batch_op.f("ix_staff_messages_organization_id"))
        batch_op.drop_index(batch_op.f("ix_staff_messages_group_id"))
        batch_op.drop_index(batch_op.f("ix_staff_messages_event_id"))

    op.drop_table("staff_messages")
