"""Tokens, passwords and signatures.

Unit tokens are 256-bit random strings shown once; the hub keeps sha256(token) (a fast hash is enough for a
random secret of that size, and lets every request find its unit through a unique index). Staff passwords are
hashed with argon2. Offline files are signed with HMAC-SHA256 under a key both ends derive from the token.
"""

from __future__ import annotations

import hashlib
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from desk_app.domain.syncfile import offline_key, signature_ok

__all__ = ["offline_key", "signature_ok"]

_hasher = PasswordHasher()


def new_token() -> str:
    """A unit's token: 256 random bits, with a prefix so it never starts with "-" (which a command line would
    read as an option: `desk-app sync configure --token -x…` failed now and then) and is recognisable in a
    config file."""
    return "dh_" + secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def password_ok(stored: str, password: str) -> bool:
    try:
        return _hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


def random_id() -> str:
    return secrets.token_urlsafe(24)


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
