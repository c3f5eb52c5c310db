"""The hub's Alembic environment (separate from the desk's db/)."""
