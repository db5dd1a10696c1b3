"""workflow: invitations, proposals, engagements, messages, events

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01 11:59:26.734374
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("subject_type", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("subject_id", sa.Integer(), nullable=False),
        sa.Column("summary", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("read_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["account.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_event_account_id"), ["account_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_event_created_at"), ["created_at"], unique=False)

    op.create_table(
        "webhook",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("url", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
        sa.Column("secret", sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
        sa.Column("description", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["account.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("webhook", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_webhook_account_id"), ["account_id"], unique=False)

    op.create_table(
        "webhook_delivery",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("webhook_id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("claimed_until", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("last_status_code", sa.Integer(), nullable=True),
        sa.Column("last_error", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True),
        sa.Column("delivered_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["event.id"],
        ),
        sa.ForeignKeyConstraint(["webhook_id"], ["webhook.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("webhook_id", "event_id"),
    )
    with op.batch_alter_table("webhook_delivery", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_webhook_delivery_event_id"), ["event_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_webhook_delivery_next_attempt_at"), ["next_attempt_at"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_webhook_delivery_status"), ["status"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_webhook_delivery_webhook_id"), ["webhook_id"], unique=False
        )

    op.create_table(
        "nda_acceptance",
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("vendor_id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("accepted_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["account.id"],
        ),
        sa.ForeignKeyConstraint(["project_id"], ["project_request.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(
            ["vendor_id"],
            ["vendor.id"],
        ),
        sa.PrimaryKeyConstraint("project_id", "vendor_id"),
    )
    op.create_table(
        "project_invitation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("vendor_id", sa.Integer(), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("message", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=True),
        sa.Column("expires_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("responded_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["project_id"], ["project_request.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(
            ["vendor_id"],
            ["vendor.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("project_id", "vendor_id"),
    )
    with op.batch_alter_table("project_invitation", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_project_invitation_project_id"), ["project_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_project_invitation_vendor_id"), ["vendor_id"], unique=False
        )

    op.create_table(
        "proposal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("vendor_id", sa.Integer(), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("pricing", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
        sa.Column("amount", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("currency", sqlmodel.sql.sqltypes.AutoString(length=3), nullable=False),
        sa.Column("estimated_hours", sa.Float(), nullable=True),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=False),
        sa.Column("team_size", sa.Integer(), nullable=False),
        sa.Column("team_roles", sa.JSON(), nullable=False),
        sa.Column("approach", sqlmodel.sql.sqltypes.AutoString(length=10000), nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("decline_reason", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=True),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["project_request.id"],
        ),
        sa.ForeignKeyConstraint(
            ["vendor_id"],
            ["vendor.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("project_id", "vendor_id"),
    )
    with op.batch_alter_table("proposal", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_proposal_created_at"), ["created_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_proposal_project_id"), ["project_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_proposal_status"), ["status"], unique=False)
        batch_op.create_index(batch_op.f("ix_proposal_vendor_id"), ["vendor_id"], unique=False)

    op.create_table(
        "screening_question",
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("question", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
        sa.Column("required", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["project_id"], ["project_request.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("project_id", "position"),
    )
    op.create_table(
        "thread",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("vendor_id", sa.Integer(), nullable=False),
        sa.Column("business_id", sa.Integer(), nullable=False),
        sa.Column("engagement_id", sa.Integer(), nullable=True),
        sa.Column("last_message_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["project_request.id"],
        ),
        sa.ForeignKeyConstraint(
            ["vendor_id"],
            ["vendor.id"],
        ),
        sa.ForeignKeyConstraint(
            ["business_id"],
            ["account.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("project_id", "vendor_id", "kind"),
    )
    with op.batch_alter_table("thread", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_thread_business_id"), ["business_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_thread_engagement_id"), ["engagement_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_thread_last_message_at"), ["last_message_at"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_thread_project_id"), ["project_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_thread_vendor_id"), ["vendor_id"], unique=False)

    op.create_table(
        "engagement",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("vendor_id", sa.Integer(), nullable=False),
        sa.Column("business_id", sa.Integer(), nullable=False),
        sa.Column("proposal_id", sa.Integer(), nullable=True),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("currency", sqlmodel.sql.sqltypes.AutoString(length=3), nullable=False),
        sa.Column("checkin_cadence", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("checkin_weekday", sa.Integer(), nullable=False),
        sa.Column("checkin_time", sa.Time(), nullable=False),
        sa.Column("business_timezone", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("vendor_timezone", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("response_time_hours", sa.Integer(), nullable=False),
        sa.Column("channel", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column("working_language", sqlmodel.sql.sqltypes.AutoString(length=3), nullable=False),
        sa.Column("started_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("ended_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("end_reason", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=True),
        sa.Column("ended_by_id", sa.Integer(), nullable=True),
        sa.Column("ended_by_agreement", sa.Boolean(), nullable=False),
        sa.Column("end_requested_by_id", sa.Integer(), nullable=True),
        sa.Column(
            "end_requested_reason", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=True
        ),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["business_id"],
            ["account.id"],
        ),
        sa.ForeignKeyConstraint(
            ["end_requested_by_id"],
            ["account.id"],
        ),
        sa.ForeignKeyConstraint(
            ["ended_by_id"],
            ["account.id"],
        ),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["project_request.id"],
        ),
        sa.ForeignKeyConstraint(
            ["proposal_id"],
            ["proposal.id"],
        ),
        sa.ForeignKeyConstraint(
            ["vendor_id"],
            ["vendor.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("project_id"),
    )
    with op.batch_alter_table("engagement", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_engagement_business_id"), ["business_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_engagement_created_at"), ["created_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_engagement_status"), ["status"], unique=False)
        batch_op.create_index(batch_op.f("ix_engagement_vendor_id"), ["vendor_id"], unique=False)

    op.create_table(
        "message",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("thread_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=False),
        sa.Column("side", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("body", sqlmodel.sql.sqltypes.AutoString(length=10000), nullable=False),
        sa.Column("response_seconds", sa.Integer(), nullable=True),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["author_id"],
            ["account.id"],
        ),
        sa.ForeignKeyConstraint(
            ["thread_id"],
            ["thread.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("message", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_message_author_id"), ["author_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_message_created_at"), ["created_at"], unique=False)
        batch_op.create_index(
            "ix_message_thread_created", ["thread_id", "created_at"], unique=False
        )

    op.create_table(
        "thread_read",
        sa.Column("thread_id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("last_read_message_id", sa.Integer(), nullable=False),
        sa.Column("read_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["account.id"],
        ),
        sa.ForeignKeyConstraint(["thread_id"], ["thread.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("thread_id", "account_id"),
    )
    op.create_table(
        "check_in",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("engagement_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=False),
        sa.Column("summary", sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["author_id"],
            ["account.id"],
        ),
        sa.ForeignKeyConstraint(["engagement_id"], ["engagement.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("check_in", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_check_in_created_at"), ["created_at"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_check_in_engagement_id"), ["engagement_id"], unique=False
        )

    op.create_table(
        "engagement_milestone",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("engagement_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sqlmodel.sql.sqltypes.AutoString(length=160), nullable=False),
        sa.Column("amount", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=False),
        sa.Column(
            "acceptance_criteria", sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=False
        ),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("submitted_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("submission_note", sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=True),
        sa.Column("approved_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("feedback", sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["engagement_id"], ["engagement.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("engagement_id", "position"),
    )
    with op.batch_alter_table("engagement_milestone", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_engagement_milestone_engagement_id"), ["engagement_id"], unique=False
        )

    op.create_table(
        "change_request",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("engagement_id", sa.Integer(), nullable=False),
        sa.Column("milestone_id", sa.Integer(), nullable=True),
        sa.Column("proposed_by_id", sa.Integer(), nullable=False),
        sa.Column("reason", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
        sa.Column("changes", sa.JSON(), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("responded_by_id", sa.Integer(), nullable=True),
        sa.Column("responded_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["engagement_id"], ["engagement.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(
            ["milestone_id"],
            ["engagement_milestone.id"],
        ),
        sa.ForeignKeyConstraint(
            ["proposed_by_id"],
            ["account.id"],
        ),
        sa.ForeignKeyConstraint(
            ["responded_by_id"],
            ["account.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("change_request", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_change_request_engagement_id"), ["engagement_id"], unique=False
        )

    op.create_table(
        "dispute",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("engagement_id", sa.Integer(), nullable=False),
        sa.Column("milestone_id", sa.Integer(), nullable=True),
        sa.Column("opened_by_id", sa.Integer(), nullable=False),
        sa.Column("reason", sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=False),
        sa.Column("evidence", sa.JSON(), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("resolution", sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=True),
        sa.Column("resolved_by_id", sa.Integer(), nullable=True),
        sa.Column("resolved_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["engagement_id"], ["engagement.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(
            ["milestone_id"],
            ["engagement_milestone.id"],
        ),
        sa.ForeignKeyConstraint(
            ["opened_by_id"],
            ["account.id"],
        ),
        sa.ForeignKeyConstraint(
            ["resolved_by_id"],
            ["account.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("dispute", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_dispute_engagement_id"), ["engagement_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_dispute_status"), ["status"], unique=False)

    with op.batch_alter_table("account", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("mailbox_key", sqlmodel.sql.sqltypes.AutoString(length=254), nullable=True)
        )
        batch_op.add_column(
            sa.Column("signup_network", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True)
        )
        batch_op.create_index(batch_op.f("ix_account_mailbox_key"), ["mailbox_key"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_account_signup_network"), ["signup_network"], unique=False
        )

    with op.batch_alter_table("project_request", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "visibility",
                sqlmodel.sql.sqltypes.AutoString(length=16),
                nullable=False,
                server_default="PUBLIC",
            )
        )
        batch_op.add_column(
            sa.Column("nda_required", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(
            sa.Column("nda_text", sqlmodel.sql.sqltypes.AutoString(length=10000), nullable=True)
        )
        batch_op.add_column(
            sa.Column("summary", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True)
        )
        batch_op.add_column(
            sa.Column("attachment_names", sa.JSON(), nullable=False, server_default="[]")
        )
        batch_op.add_column(
            sa.Column("acceptance_criteria", sa.JSON(), nullable=False, server_default="[]")
        )
        batch_op.add_column(
            sa.Column(
                "communication_plan", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=True
            )
        )
        batch_op.add_column(
            sa.Column("award_expires_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True)
        )
        batch_op.create_index(
            batch_op.f("ix_project_request_visibility"), ["visibility"], unique=False
        )

    with op.batch_alter_table("project_shortlist", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("note", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True)
        )
        batch_op.add_column(
            sa.Column(
                "created_at",
                sqlmodel.sql.sqltypes.UTCDateTime(),
                nullable=False,
                server_default=sa.func.now(),
            )
        )

    # A review belonged to one request; now each request has one review in each direction.
    if op.get_bind().dialect.name == "sqlite":
        # SQLite names no constraint: name it by convention so batch mode can drop it.
        # (A downgrade from here names it the same way.)
        convention = {"uq": "uq_%(table_name)s_%(column_0_name)s"}
        with op.batch_alter_table("review", naming_convention=convention) as batch_op:
            batch_op.drop_constraint("uq_review_project_id", type_="unique")
    else:
        op.drop_constraint("review_project_id_key", "review", type_="unique")
    with op.batch_alter_table("review", schema=None) as batch_op:
        batch_op.add_column(sa.Column("engagement_id", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column(
                "direction",
                sqlmodel.sql.sqltypes.AutoString(length=24),
                nullable=False,
                server_default="BUSINESS_TO_VENDOR",
            )
        )
        batch_op.add_column(sa.Column("business_id", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("counted", sa.Boolean(), nullable=False, server_default=sa.true())
        )
        batch_op.add_column(
            sa.Column(
                "discount_reason", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True
            )
        )
        batch_op.add_column(
            sa.Column("reply", sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=True)
        )
        batch_op.add_column(
            sa.Column("replied_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True)
        )
        batch_op.create_index(batch_op.f("ix_review_business_id"), ["business_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_review_engagement_id"), ["engagement_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_review_project_id"), ["project_id"], unique=False)
        batch_op.create_unique_constraint(
            "uq_review_project_id_direction", ["project_id", "direction"]
        )
        batch_op.create_foreign_key("fk_review_business_id", "account", ["business_id"], ["id"])

    with op.batch_alter_table("vendor", schema=None) as batch_op:
        batch_op.add_column(sa.Column("response_median_hours", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("response_p90_hours", sa.Float(), nullable=True))
        batch_op.add_column(
            sa.Column("response_samples", sa.Integer(), nullable=False, server_default="0")
        )
        batch_op.add_column(
            sa.Column(
                "verification_note", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("vendor", schema=None) as batch_op:
        batch_op.drop_column("verification_note")
        batch_op.drop_column("response_samples")
        batch_op.drop_column("response_p90_hours")
        batch_op.drop_column("response_median_hours")

    with op.batch_alter_table("review", schema=None) as batch_op:
        batch_op.drop_constraint("fk_review_business_id", type_="foreignkey")
        batch_op.drop_constraint("uq_review_project_id_direction", type_="unique")
        batch_op.drop_index(batch_op.f("ix_review_project_id"))
        batch_op.drop_index(batch_op.f("ix_review_engagement_id"))
        batch_op.drop_index(batch_op.f("ix_review_business_id"))
        batch_op.drop_column("replied_at")
        batch_op.drop_column("reply")
        batch_op.drop_column("discount_reason")
        batch_op.drop_column("counted")
        batch_op.drop_column("business_id")
        batch_op.drop_column("direction")
        batch_op.drop_column("engagement_id")
    # Back to one review per request, under the name each dialect gave it at first.
    if op.get_bind().dialect.name == "sqlite":
        with op.batch_alter_table("review", schema=None) as batch_op:
            batch_op.create_unique_constraint("uq_review_project_id", ["project_id"])
    else:
        op.create_unique_constraint("review_project_id_key", "review", ["project_id"])

    with op.batch_alter_table("project_shortlist", schema=None) as batch_op:
        batch_op.drop_column("created_at")
        batch_op.drop_column("note")

    with op.batch_alter_table("project_request", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_project_request_visibility"))
        batch_op.drop_column("award_expires_at")
        batch_op.drop_column("communication_plan")
        batch_op.drop_column("acceptance_criteria")
        batch_op.drop_column("attachment_names")
        batch_op.drop_column("summary")
        batch_op.drop_column("nda_text")
        batch_op.drop_column("nda_required")
        batch_op.drop_column("visibility")

    with op.batch_alter_table("account", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_account_signup_network"))
        batch_op.drop_index(batch_op.f("ix_account_mailbox_key"))
        batch_op.drop_column("signup_network")
        batch_op.drop_column("mailbox_key")

    with op.batch_alter_table("dispute", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_dispute_status"))
        batch_op.drop_index(batch_op.f("ix_dispute_engagement_id"))

    op.drop_table("dispute")
    with op.batch_alter_table("change_request", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_change_request_engagement_id"))

    op.drop_table("change_request")
    with op.batch_alter_table("engagement_milestone", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_engagement_milestone_engagement_id"))

    op.drop_table("engagement_milestone")
    with op.batch_alter_table("check_in", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_check_in_engagement_id"))
        batch_op.drop_index(batch_op.f("ix_check_in_created_at"))

    op.drop_table("check_in")
    op.drop_table("thread_read")
    with op.batch_alter_table("message", schema=None) as batch_op:
        batch_op.drop_index("ix_message_thread_created")
        batch_op.drop_index(batch_op.f("ix_message_created_at"))
        batch_op.drop_index(batch_op.f("ix_message_author_id"))

    op.drop_table("message")
    with op.batch_alter_table("engagement", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_engagement_vendor_id"))
        batch_op.drop_index(batch_op.f("ix_engagement_status"))
        batch_op.drop_index(batch_op.f("ix_engagement_created_at"))
        batch_op.drop_index(batch_op.f("ix_engagement_business_id"))

    op.drop_table("engagement")
    with op.batch_alter_table("thread", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_thread_vendor_id"))
        batch_op.drop_index(batch_op.f("ix_thread_project_id"))
        batch_op.drop_index(batch_op.f("ix_thread_last_message_at"))
        batch_op.drop_index(batch_op.f("ix_thread_engagement_id"))
        batch_op.drop_index(batch_op.f("ix_thread_business_id"))

    op.drop_table("thread")
    op.drop_table("screening_question")
    with op.batch_alter_table("proposal", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_proposal_vendor_id"))
        batch_op.drop_index(batch_op.f("ix_proposal_status"))
        batch_op.drop_index(batch_op.f("ix_proposal_project_id"))
        batch_op.drop_index(batch_op.f("ix_proposal_created_at"))

    op.drop_table("proposal")
    with op.batch_alter_table("project_invitation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_project_invitation_vendor_id"))
        batch_op.drop_index(batch_op.f("ix_project_invitation_project_id"))

    op.drop_table("project_invitation")
    op.drop_table("nda_acceptance")
    with op.batch_alter_table("webhook_delivery", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_webhook_delivery_webhook_id"))
        batch_op.drop_index(batch_op.f("ix_webhook_delivery_status"))
        batch_op.drop_index(batch_op.f("ix_webhook_delivery_next_attempt_at"))
        batch_op.drop_index(batch_op.f("ix_webhook_delivery_event_id"))

    op.drop_table("webhook_delivery")
    with op.batch_alter_table("webhook", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_webhook_account_id"))

    op.drop_table("webhook")
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_created_at"))
        batch_op.drop_index(batch_op.f("ix_event_account_id"))

    op.drop_table("event")
