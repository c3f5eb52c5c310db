"""The hub's migrations."""
