"""registrations memberships outbox

Revision ID: 19783139762a
Revises: f446843c5036
Create Date: 2026-11-22 07:15:09.421992
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import api.db

revision: str = '19783139762a'
down_revision: str | None = 'f446843c5036'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('idempotent_responses',
    sa.Column('organization_id', sa.Uuid(), nullable=False),
    sa.Column('scope', sa.String(length=200), nullable=False),
    sa.Column('key', sa.String(length=255), nullable=False),
    sa.Column('request_hash', sa.String(length=64), nullable=False),
    sa.Column('status_code', sa.Integer(), nullable=False),
    sa.Column('body', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('created_at', api.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_idempotent_responses_organization_id_organizations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_idempotent_responses')),
    sa.UniqueConstraint('organization_id', 'scope', 'key', name=op.f('uq_idempotent_responses_organization_id_scope_key'))
    )
    op.create_table('participants',
    sa.Column('organization_id', sa.Uuid(), nullable=False),
    sa.Column('full_name', sa.String(length=200), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=True),
    sa.Column('phone', sa.String(length=50), nullable=True),
    sa.Column('affiliation', sa.String(length=200), nullable=True),
    sa.Column('category', sa.Enum('resident', 'civil_society', 'expert', 'administration', 'politics', name='stakeholder_category', native_enum=False, create_constraint=True, length=30), nullable=False),
    sa.Column('preferred_language', sa.String(length=8), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', api.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', api.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_participants_organization_id_organizations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_participants'))
    )
    with op.batch_alter_table('participants', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_participants_organization_id'), ['organization_id'], unique=False)
        batch_op.create_index('uq_participants_org_email', ['organization_id', 'email'], unique=True, sqlite_where=sa.text('email IS NOT NULL'), postgresql_where=sa.text('email IS NOT NULL'))

    op.create_table('privacy_notices',
    sa.Column('organization_id', sa.Uuid(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('url', sa.String(length=500), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('effective_at', api.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_privacy_notices_organization_id_organizations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_privacy_notices')),
    sa.UniqueConstraint('organization_id', 'version', name=op.f('uq_privacy_notices_organization_id_version'))
    )
    with op.batch_alter_table('privacy_notices', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_privacy_notices_organization_id'), ['organization_id'], unique=False)

    op.create_table('consents',
    sa.Column('organization_id', sa.Uuid(), nullable=False),
    sa.Column('participant_id', sa.Uuid(), nullable=False),
    sa.Column('privacy_notice_id', sa.Uuid(), nullable=False),
    sa.Column('channel', sa.Enum('web', 'email', 'phone', 'on_site', 'staff', 'system', name='channel', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('recorded_by_id', sa.Uuid(), nullable=True),
    sa.Column('given_at', api.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_consents_organization_id_organizations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['participant_id'], ['participants.id'], name=op.f('fk_consents_participant_id_participants'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['privacy_notice_id'], ['privacy_notices.id'], name=op.f('fk_consents_privacy_notice_id_privacy_notices'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['staff_users.id'], name=op.f('fk_consents_recorded_by_id_staff_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_consents'))
    )
    with op.batch_alter_table('consents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_consents_organization_id'), ['organization_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_consents_participant_id'), ['participant_id'], unique=False)

    op.create_table('outbox_messages',
    sa.Column('organization_id', sa.Uuid(), nullable=False),
    sa.Column('participant_id', sa.Uuid(), nullable=True),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('recipient', sa.String(length=254), nullable=False),
    sa.Column('subject', sa.String(length=300), nullable=False),
    sa.Column('body_text', sa.Text(), nullable=False),
    sa.Column('body_html', sa.Text(), nullable=False),
    sa.Column('attachments', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('status', sa.Enum('pending', 'sent', 'failed', name='outbox_status', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('next_attempt_at', api.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('claimed_until', api.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('last_error', sa.String(length=1000), nullable=True),
    sa.Column('created_at', api.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('sent_at', api.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_outbox_messages_organization_id_organizations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['participant_id'], ['participants.id'], name=op.f('fk_outbox_messages_participant_id_participants'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outbox_messages'))
    )
    with op.batch_alter_table('outbox_messages', schema=None) as batch_op:
        batch_op.create_index('ix_outbox_due', ['status', 'next_attempt_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_outbox_messages_organization_id'), ['organization_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_outbox_messages_participant_id'), ['participant_id'], unique=False)

    op.create_table('group_memberships',
    sa.Column('organization_id', sa.Uuid(), nullable=False),
    sa.Column('group_id', sa.Uuid(), nullable=False),
    sa.Column('participant_id', sa.Uuid(), nullable=False),
    sa.Column('status', sa.Enum('applied', 'member', 'waitlisted', 'rejected', 'withdrawn', name='membership_status', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('role', sa.Enum('member', 'lead', 'deputy', name='membership_role', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('preference_rank', sa.Integer(), nullable=True),
    sa.Column('channel', sa.Enum('web', 'email', 'phone', 'on_site', 'staff', 'system', name='channel', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('manage_token_hash', sa.String(length=64), nullable=False),
    sa.Column('waitlisted_at', api.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('decided_at', api.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('note', sa.String(length=1000), nullable=True),
    sa.Column('created_by_id', sa.Uuid(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', api.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', api.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['staff_users.id'], name=op.f('fk_group_memberships_created_by_id_staff_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['group_id'], ['thematic_groups.id'], name=op.f('fk_group_memberships_group_id_thematic_groups'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_group_memberships_organization_id_organizations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['participant_id'], ['participants.id'], name=op.f('fk_group_memberships_participant_id_participants'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_group_memberships')),
    sa.UniqueConstraint('group_id', 'participant_id', name=op.f('uq_group_memberships_group_id_participant_id')),
    sa.UniqueConstraint('manage_token_hash', name=op.f('uq_group_memberships_manage_token_hash'))
    )
    with op.batch_alter_table('group_memberships', schema=None) as batch_op:
        batch_op.create_index('ix_group_memberships_group_status', ['group_id', 'status'], unique=False)
        batch_op.create_index(batch_op.f('ix_group_memberships_organization_id'), ['organization_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_group_memberships_participant_id'), ['participant_id'], unique=False)

    op.create_table('registrations',
    sa.Column('organization_id', sa.Uuid(), nullable=False),
    sa.Column('event_id', sa.Uuid(), nullable=False),
    sa.Column('participant_id', sa.Uuid(), nullable=False),
    sa.Column('status', sa.Enum('pending', 'confirmed', 'waitlisted', 'offered', 'attended', 'no_show', 'cancelled', 'expired', name='registration_status', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('channel', sa.Enum('web', 'email', 'phone', 'on_site', 'staff', 'system', name='channel', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('answers', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('manage_token_hash', sa.String(length=64), nullable=False),
    sa.Column('hold_expires_at', api.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('waitlisted_at', api.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('confirmed_at', api.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('cancelled_at', api.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('cancel_reason', sa.String(length=1000), nullable=True),
    sa.Column('checked_in_at', api.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('reminder_sent_at', api.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('created_by_id', sa.Uuid(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', api.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', api.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['staff_users.id'], name=op.f('fk_registrations_created_by_id_staff_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_registrations_event_id_events'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_registrations_organization_id_organizations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['participant_id'], ['participants.id'], name=op.f('fk_registrations_participant_id_participants'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_registrations')),
    sa.UniqueConstraint('event_id', 'participant_id', name=op.f('uq_registrations_event_id_participant_id')),
    sa.UniqueConstraint('manage_token_hash', name=op.f('uq_registrations_manage_token_hash'))
    )
    with op.batch_alter_table('registrations', schema=None) as batch_op:
        batch_op.create_index('ix_registrations_event_status', ['event_id', 'status'], unique=False)
        batch_op.create_index('ix_registrations_hold', ['status', 'hold_expires_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_registrations_organization_id'), ['organization_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_registrations_participant_id'), ['participant_id'], unique=False)

    op.create_table('status_changes',
    sa.Column('organization_id', sa.Uuid(), nullable=False),
    sa.Column('registration_id', sa.Uuid(), nullable=True),
    sa.Column('membership_id', sa.Uuid(), nullable=True),
    sa.Column('from_status', sa.String(length=20), nullable=True),
    sa.Column('to_status', sa.String(length=20), nullable=False),
    sa.Column('channel', sa.Enum('web', 'email', 'phone', 'on_site', 'staff', 'system', name='channel', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('staff_user_id', sa.Uuid(), nullable=True),
    sa.Column('note', sa.String(length=1000), nullable=True),
    sa.Column('at', api.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.CheckConstraint('(registration_id IS NULL) <> (membership_id IS NULL)', name=op.f('ck_status_changes_registration_or_membership')),
    sa.ForeignKeyConstraint(['membership_id'], ['group_memberships.id'], name=op.f('fk_status_changes_membership_id_group_memberships'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_status_changes_organization_id_organizations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['registration_id'], ['registrations.id'], name=op.f('fk_status_changes_registration_id_registrations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['staff_user_id'], ['staff_users.id'], name=op.f('fk_status_changes_staff_user_id_staff_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_status_changes'))
    )
    with op.batch_alter_table('status_changes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_status_changes_membership_id'), ['membership_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_status_changes_organization_id'), ['organization_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_status_changes_registration_id'), ['registration_id'], unique=False)

    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.add_column(sa.Column('questions', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), server_default=sa.text("'[]'"), nullable=False))

    with op.batch_alter_table('thematic_groups', schema=None) as batch_op:
        batch_op.add_column(sa.Column('places_taken', sa.Integer(), server_default='0', nullable=False))
        batch_op.create_check_constraint(
            op.f('ck_thematic_groups_never_overfull'), 'capacity IS NULL OR places_taken <= capacity'
        )



def downgrade() -> None:
    with op.batch_alter_table('thematic_groups', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_thematic_groups_never_overfull'), type_='check')
        batch_op.drop_column('places_taken')

    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_column('questions')

    with op.batch_alter_table('status_changes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_status_changes_registration_id'))
        batch_op.drop_index(batch_op.f('ix_status_changes_organization_id'))
        batch_op.drop_index(batch_op.f('ix_status_changes_membership_id'))

    op.drop_table('status_changes')
    with op.batch_alter_table('registrations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_registrations_participant_id'))
        batch_op.drop_index(batch_op.f('ix_registrations_organization_id'))
        batch_op.drop_index('ix_registrations_hold')
        batch_op.drop_index('ix_registrations_event_status')

    op.drop_table('registrations')
    with op.batch_alter_table('group_memberships', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_group_memberships_participant_id'))
        batch_op.drop_index(batch_op.f('ix_group_memberships_organization_id'))
        batch_op.drop_index('ix_group_memberships_group_status')

    op.drop_table('group_memberships')
    with op.batch_alter_table('outbox_messages', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_outbox_messages_participant_id'))
        batch_op.drop_index(batch_op.f('ix_outbox_messages_organization_id'))
        batch_op.drop_index('ix_outbox_due')

    op.drop_table('outbox_messages')
    with op.batch_alter_table('consents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_consents_participant_id'))
        batch_op.drop_index(batch_op.f('ix_consents_organization_id'))

    op.drop_table('consents')
    with op.batch_alter_table('privacy_notices', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_privacy_notices_organization_id'))

    op.drop_table('privacy_notices')
    with op.batch_alter_table('participants', schema=None) as batch_op:
        batch_op.drop_index('uq_participants_org_email', sqlite_where=sa.text('email IS NOT NULL'), postgresql_where=sa.text('email IS NOT NULL'))
        batch_op.drop_index(batch_op.f('ix_participants_organization_id'))

    op.drop_table('participants')
    op.drop_table('idempotent_responses')
