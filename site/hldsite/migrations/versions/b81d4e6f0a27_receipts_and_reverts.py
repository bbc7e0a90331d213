"""Receipts for suggestions (an unguessable address each) and reverts in the history

Revision ID: b81d4e6f0a27
Revises: 3a7c51e2b9d4
Create Date: 2026-12-03 12:15:00.000000

"""

import secrets

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "b81d4e6f0a27"
down_revision = "3a7c51e2b9d4"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("suggestion", schema=None) as batch_op:
        batch_op.add_column(sa.Column("receipt", sa.String(length=64), nullable=True))
    suggestion = sa.table("suggestion", sa.column("id", sa.Integer), sa.column("receipt", sa.String))
    connection = op.get_bind()
    for (suggestion_id,) in connection.execute(sa.select(suggestion.c.id)).all():
        connection.execute(
            suggestion.update()
            .where(suggestion.c.id == suggestion_id)
            .values(receipt=secrets.token_urlsafe(32))
        )
    with op.batch_alter_table("suggestion", schema=None) as batch_op:
        batch_op.alter_column("receipt", existing_type=sa.String(length=64), nullable=False)
        batch_op.create_unique_constraint(batch_op.f("uq_suggestion_receipt"), ["receipt"])
    with op.batch_alter_table("change", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reverts_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_change_reverts_id_change"), "change", ["reverts_id"], ["id"]
        )


def downgrade():
    with op.batch_alter_table("change", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_change_reverts_id_change"), type_="foreignkey")
        batch_op.drop_column("reverts_id")
    with op.batch_alter_table("suggestion", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_suggestion_receipt"), type_="unique")
        batch_op.drop_column("receipt")
