"""Tokens, passwords and signatures.

Unit tokens are 256-bit random strings shown once; the hub keeps sha256(token) (a fast hash is enough for a
random secret of that size, and lets every request find its unit through a unique index). Staff passwords are
hashed with argon2. Offline files are signed with HMAC-SHA256 under a key both ends derive from the token.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()

OFFLINE_KEY_LABEL = b"desk-hub offline file v1\x00"


def new_token() -> str:
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def offline_key(token: str) -> str:
    """The offline-file signing key: derived from the token, but not the token's hash (so it cannot log in)."""
    return hmac.new(token.encode("utf-8"), OFFLINE_KEY_LABEL, hashlib.sha256).hexdigest()


def sign(key_hex: str, payload: bytes) -> str:
    return hmac.new(bytes.fromhex(key_hex), payload, hashlib.sha256).hexdigest()


def signature_ok(key_hex: str, payload: bytes, signature: str) -> bool:
    return hmac.compare_digest(sign(key_hex, payload), signature)


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
