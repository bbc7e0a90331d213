"""A session token per reviewer: a new token ends every session of the reviewer

Revision ID: 3a7c51e2b9d4
Revises: fc46f9f39359
Create Date: 2026-12-03 10:30:00.000000

"""

import secrets

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "3a7c51e2b9d4"
down_revision = "fc46f9f39359"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("reviewer", schema=None) as batch_op:
        batch_op.add_column(sa.Column("session_token", sa.String(length=64), nullable=True))
    reviewer = sa.table("reviewer", sa.column("id", sa.Integer), sa.column("session_token", sa.String))
    connection = op.get_bind()
    for (reviewer_id,) in connection.execute(sa.select(reviewer.c.id)).all():
        connection.execute(
            reviewer.update().where(reviewer.c.id == reviewer_id).values(session_token=secrets.token_hex(16))
        )
    with op.batch_alter_table("reviewer", schema=None) as batch_op:
        batch_op.alter_column("session_token", existing_type=sa.String(length=64), nullable=False)


def downgrade():
    with op.batch_alter_table("reviewer", schema=None) as batch_op:
        batch_op.drop_column("session_token")
