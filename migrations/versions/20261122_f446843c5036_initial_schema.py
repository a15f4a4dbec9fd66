"""initial schema

Revision ID: f446843c5036
Revises: 
Create Date: 2026-11-22 06:49:42.679584
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import api.db

revision: str = 'f446843c5036'
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('organizations',
    sa.Column('slug', sa.String(length=80), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('office_name', sa.String(length=200), nullable=True),
    sa.Column('contact_email', sa.String(length=254), nullable=True),
    sa.Column('contact_phone', sa.String(length=50), nullable=True),
    sa.Column('address', sa.String(length=300), nullable=True),
    sa.Column('website', sa.String(length=500), nullable=True),
    sa.Column('timezone', sa.String(length=64), nullable=False),
    sa.Column('default_language', sa.String(length=8), nullable=False),
    sa.Column('cors_origins', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', api.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', api.db.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_organizations')),
    sa.UniqueConstraint('slug', name=op.f('uq_organizations_slug'))
    )
    op.create_table('processes',
    sa.Column('organization_id', sa.Uuid(), nullable=False),
    sa.Column('slug', sa.String(length=80), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('summary', sa.String(length=500), nullable=True),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('status', sa.Enum('draft', 'published', 'archived', name='process_status', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('concept_kind', sa.Enum('first', 'update', name='concept_kind', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('previous_concept_year', sa.Integer(), nullable=True),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=False),
    sa.Column('funding_note', sa.String(length=500), nullable=True),
    sa.Column('moderating_partner', sa.String(length=200), nullable=True),
    sa.Column('guiding_principles', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('fields_of_action', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('contacts', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('links', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('published_at', api.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', api.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', api.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_processes_organization_id_organizations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_processes')),
    sa.UniqueConstraint('organization_id', 'slug', name=op.f('uq_processes_organization_id_slug'))
    )
    with op.batch_alter_table('processes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_processes_organization_id'), ['organization_id'], unique=False)

    op.create_table('staff_users',
    sa.Column('organization_id', sa.Uuid(), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('full_name', sa.String(length=200), nullable=False),
    sa.Column('password_hash', sa.String(length=200), nullable=False),
    sa.Column('role', sa.Enum('admin', name='staff_role', native_enum=False, create_constraint=True, length=30), nullable=False),
    sa.Column('is_active', sa.Boolean(), nullable=False),
    sa.Column('tokens_valid_after', api.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('last_login_at', api.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', api.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', api.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_staff_users_organization_id_organizations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_staff_users')),
    sa.UniqueConstraint('email', name=op.f('uq_staff_users_email'))
    )
    with op.batch_alter_table('staff_users', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_staff_users_organization_id'), ['organization_id'], unique=False)

    op.create_table('phases',
    sa.Column('organization_id', sa.Uuid(), nullable=False),
    sa.Column('process_id', sa.Uuid(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', api.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', api.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_phases_organization_id_organizations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['process_id'], ['processes.id'], name=op.f('fk_phases_process_id_processes'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_phases'))
    )
    with op.batch_alter_table('phases', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_phases_organization_id'), ['organization_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_phases_process_id'), ['process_id'], unique=False)

    op.create_table('refresh_tokens',
    sa.Column('user_id', sa.Uuid(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('family_id', sa.Uuid(), nullable=False),
    sa.Column('created_at', api.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('expires_at', api.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('used_at', api.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('revoked_at', api.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['staff_users.id'], name=op.f('fk_refresh_tokens_user_id_staff_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_refresh_tokens')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_refresh_tokens_token_hash'))
    )
    with op.batch_alter_table('refresh_tokens', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_refresh_tokens_family_id'), ['family_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_refresh_tokens_user_id'), ['user_id'], unique=False)

    op.create_table('thematic_groups',
    sa.Column('organization_id', sa.Uuid(), nullable=False),
    sa.Column('process_id', sa.Uuid(), nullable=False),
    sa.Column('slug', sa.String(length=80), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.Enum('working_group', 'steering_group', 'forum', 'expert_round', name='group_kind', native_enum=False, create_constraint=True, length=30), nullable=False),
    sa.Column('field_of_action', sa.String(length=200), nullable=True),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('membership_mode', sa.Enum('open', 'application', 'appointed', name='membership_mode', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('capacity', sa.Integer(), nullable=True),
    sa.Column('signup_deadline', api.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('wanted_composition', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('status', sa.Enum('draft', 'published', name='group_status', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('published_at', api.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', api.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', api.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_thematic_groups_organization_id_organizations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['process_id'], ['processes.id'], name=op.f('fk_thematic_groups_process_id_processes'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_thematic_groups')),
    sa.UniqueConstraint('process_id', 'slug', name=op.f('uq_thematic_groups_process_id_slug'))
    )
    with op.batch_alter_table('thematic_groups', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_thematic_groups_organization_id'), ['organization_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_thematic_groups_process_id'), ['process_id'], unique=False)

    op.create_table('events',
    sa.Column('organization_id', sa.Uuid(), nullable=False),
    sa.Column('process_id', sa.Uuid(), nullable=False),
    sa.Column('group_id', sa.Uuid(), nullable=True),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('kind', sa.Enum('kickoff', 'conference', 'workshop', 'group_meeting', 'citizen_dialogue', 'information_evening', name='event_kind', native_enum=False, create_constraint=True, length=30), nullable=False),
    sa.Column('format', sa.Enum('in_person', 'online', 'hybrid', name='event_format', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('starts_at', api.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('ends_at', api.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('timezone', sa.String(length=64), nullable=False),
    sa.Column('venue_name', sa.String(length=200), nullable=True),
    sa.Column('venue_address', sa.String(length=300), nullable=True),
    sa.Column('venue_room', sa.String(length=200), nullable=True),
    sa.Column('venue_step_free', sa.Boolean(), nullable=True),
    sa.Column('venue_notes', sa.String(length=1000), nullable=True),
    sa.Column('online_join_url', sa.String(length=1000), nullable=True),
    sa.Column('online_meeting_id', sa.String(length=100), nullable=True),
    sa.Column('online_passcode', sa.String(length=100), nullable=True),
    sa.Column('online_dial_in', sa.String(length=300), nullable=True),
    sa.Column('capacity', sa.Integer(), nullable=True),
    sa.Column('seats_taken', sa.Integer(), nullable=False),
    sa.Column('registration_opens_at', api.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('registration_closes_at', api.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('waitlist_enabled', sa.Boolean(), nullable=False),
    sa.Column('invitation_only', sa.Boolean(), nullable=False),
    sa.Column('languages', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('interpretation', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('childcare', sa.Boolean(), nullable=False),
    sa.Column('status', sa.Enum('draft', 'published', 'cancelled', 'postponed', name='event_status', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('status_reason', sa.String(length=1000), nullable=True),
    sa.Column('published_at', api.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', api.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', api.db.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint('capacity IS NULL OR seats_taken <= capacity', name=op.f('ck_events_never_overbooked')),
    sa.CheckConstraint('ends_at > starts_at', name=op.f('ck_events_ends_after_start')),
    sa.ForeignKeyConstraint(['group_id'], ['thematic_groups.id'], name=op.f('fk_events_group_id_thematic_groups'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_events_organization_id_organizations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['process_id'], ['processes.id'], name=op.f('fk_events_process_id_processes'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_events'))
    )
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_events_group_id'), ['group_id'], unique=False)
        batch_op.create_index('ix_events_org_status_starts', ['organization_id', 'status', 'starts_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_events_organization_id'), ['organization_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_events_process_id'), ['process_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_events_process_id'))
        batch_op.drop_index(batch_op.f('ix_events_organization_id'))
        batch_op.drop_index('ix_events_org_status_starts')
        batch_op.drop_index(batch_op.f('ix_events_group_id'))

    op.drop_table('events')
    with op.batch_alter_table('thematic_groups', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_thematic_groups_process_id'))
        batch_op.drop_index(batch_op.f('ix_thematic_groups_organization_id'))

    op.drop_table('thematic_groups')
    with op.batch_alter_table('refresh_tokens', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_refresh_tokens_user_id'))
        batch_op.drop_index(batch_op.f('ix_refresh_tokens_family_id'))

    op.drop_table('refresh_tokens')
    with op.batch_alter_table('phases', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_phases_process_id'))
        batch_op.drop_index(batch_op.f('ix_phases_organization_id'))

    op.drop_table('phases')
    with op.batch_alter_table('staff_users', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_staff_users_organization_id'))

    op.drop_table('staff_users')
    with op.batch_alter_table('processes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_processes_organization_id'))

    op.drop_table('processes')
    op.drop_table('organizations')
