"""staff roles and api clients

Revision ID: 26cdd87cc905
Revises: 19783139762a
Create Date: 2026-11-22 08:03:41.196733
"""

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import api.db

revision: str = '26cdd87cc905'
down_revision: str | None = '19783139762a'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('api_clients',
    sa.Column('organization_id', sa.Uuid(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('scopes', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('key_hash', sa.String(length=64), nullable=False),
    sa.Column('key_hint', sa.String(length=20), nullable=False),
    sa.Column('created_by_id', sa.Uuid(), nullable=True),
    sa.Column('created_at', api.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('rotated_at', api.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('last_used_at', api.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('revoked_at', api.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['staff_users.id'], name=op.f('fk_api_clients_created_by_id_staff_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_api_clients_organization_id_organizations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_api_clients')),
    sa.UniqueConstraint('key_hash', name=op.f('uq_api_clients_key_hash'))
    )
    with op.batch_alter_table('api_clients', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_api_clients_organization_id'), ['organization_id'], unique=False)

    op.create_table('staff_role_grants',
    sa.Column('organization_id', sa.Uuid(), nullable=False),
    sa.Column('user_id', sa.Uuid(), nullable=False),
    sa.Column('role', sa.Enum('admin', 'process_manager', 'group_moderator', 'viewer', name='staff_role', native_enum=False, create_constraint=True, length=30), nullable=False),
    sa.Column('process_id', sa.Uuid(), nullable=True),
    sa.Column('group_id', sa.Uuid(), nullable=True),
    sa.Column('granted_at', api.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.CheckConstraint("(role = 'process_manager') = (process_id IS NOT NULL) AND (role = 'group_moderator') = (group_id IS NOT NULL)", name=op.f('ck_staff_role_grants_scope_fits_role')),
    sa.ForeignKeyConstraint(['group_id'], ['thematic_groups.id'], name=op.f('fk_staff_role_grants_group_id_thematic_groups'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_staff_role_grants_organization_id_organizations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['process_id'], ['processes.id'], name=op.f('fk_staff_role_grants_process_id_processes'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['staff_users.id'], name=op.f('fk_staff_role_grants_user_id_staff_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_staff_role_grants')),
    sa.UniqueConstraint('user_id', 'role', 'process_id', 'group_id', name=op.f('uq_staff_role_grants_user_id_role_process_id_group_id'))
    )
    with op.batch_alter_table('staff_role_grants', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_staff_role_grants_organization_id'), ['organization_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_staff_role_grants_user_id'), ['user_id'], unique=False)

    # Every existing staff user keeps what they had: the one role there was, admin.
    staff_users = sa.table("staff_users", sa.column("id", sa.Uuid()), sa.column("organization_id", sa.Uuid()))
    grants = sa.table(
        "staff_role_grants",
        sa.column("id", sa.Uuid()),
        sa.column("organization_id", sa.Uuid()),
        sa.column("user_id", sa.Uuid()),
        sa.column("role", sa.String()),
        sa.column("granted_at", api.db.UTCDateTime()),
    )
    now = datetime.now(UTC)
    existing = op.get_bind().execute(sa.select(staff_users.c.id, staff_users.c.organization_id)).all()
    if existing:
        op.bulk_insert(
            grants,
            [
                {"id": uuid.uuid4(), "organization_id": org, "user_id": user, "role": "admin", "granted_at": now}
                for user, org in existing
            ],
        )
    with op.batch_alter_table('staff_users', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_staff_users_staff_role'), type_='check')
        batch_op.drop_column('role')



def downgrade() -> None:
    with op.batch_alter_table('staff_users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('role', sa.VARCHAR(length=30), server_default='admin', nullable=False))
        batch_op.create_check_constraint(op.f('ck_staff_users_staff_role'), "role IN ('admin')")

    with op.batch_alter_table('staff_role_grants', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_staff_role_grants_user_id'))
        batch_op.drop_index(batch_op.f('ix_staff_role_grants_organization_id'))

    op.drop_table('staff_role_grants')
    with op.batch_alter_table('api_clients', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_api_clients_organization_id'))

    op.drop_table('api_clients')
