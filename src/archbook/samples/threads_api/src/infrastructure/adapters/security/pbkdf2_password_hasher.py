"""PBKDF2-HMAC-SHA256 password hasher."""

import asyncio
import base64
import hashlib
import hmac
import secrets

from src.application.ports.password_hasher import PasswordHasher

_ALGORITHM = "pbkdf2_sha256"


class Pbkdf2PasswordHasher(PasswordHasher):
    """Hashes as ``pbkdf2_sha256$iterations$salt$digest``, derived in a worker thread."""

    def __init__(self, iterations: int, salt_bytes: int = 16) -> None:
        self._iterations = iterations
        self._salt_bytes = salt_bytes

    async def hash_password(self, password: str) -> str:
        """Return a salted hash of ``password``."""
        salt = secrets.token_bytes(self._salt_bytes)
        digest = await asyncio.to_thread(_derive, password, salt, self._iterations)
        return "$".join((_ALGORITHM, str(self._iterations), _encode(salt), _encode(digest)))

    async def verify_password(self, password: str, password_hash: str) -> bool:
        """Tell whether ``password`` matches ``password_hash`` in constant time."""
        parts = password_hash.split("$")
        if len(parts) != 4 or parts[0] != _ALGORITHM or not parts[1].isdigit():
            return False
        _, iterations, salt, expected = parts
        digest = await asyncio.to_thread(_derive, password, _decode(salt), int(iterations))
        return hmac.compare_digest(digest, _decode(expected))


def _derive(password: str, salt: bytes, iterations: int) -> bytes:
    """Run PBKDF2-HMAC-SHA256."""
    return hashlib.pbkdf2_hmac("sha256", password.encode(), salt, iterations)


def _encode(raw: bytes) -> str:
    """Encode bytes as unpadded URL-safe base64."""
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _decode(text: str) -> bytes:
    """Decode unpadded URL-safe base64."""
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
