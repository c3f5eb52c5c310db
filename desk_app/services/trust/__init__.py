"""Trust: who may do what, and that nothing saved is lost or silently changed.

Face: :mod:`.auth` (accounts, roles, sign-in, lockout), :mod:`.auth_core` (the light sign-in check that needs
no SQLAlchemy), :mod:`.backup` (backup, restore, rotation), :mod:`.backup_check` (checking a backup or a database
without trusting it), :mod:`.integrity` (``verify``), :mod:`.encryption` (SQLCipher at rest),
:mod:`.privacy` (personal-data export and the retention rule).
"""
