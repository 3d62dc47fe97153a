"""HMAC-SHA256 signed bearer tokens."""

import base64
import binascii
import hashlib
import hmac
import json
from datetime import UTC, datetime, timedelta

from src.application.ports.clock import Clock
from src.application.ports.token_service import IssuedToken, TokenService
from src.domain.errors import AuthenticationError


class HmacTokenService(TokenService):
    """Tokens of the form ``base64(claims).base64(hmac)`` carrying ``sub`` and ``exp``."""

    def __init__(self, secret_key: str, ttl_seconds: int, clock: Clock) -> None:
        if not secret_key:
            raise ValueError("secret_key must not be empty")
        self._key = secret_key.encode()
        self._ttl = timedelta(seconds=ttl_seconds)
        self._clock = clock

    def issue(self, subject: str) -> IssuedToken:
        """Create a token for ``subject`` that expires after the configured TTL."""
        expires = int((self._clock.now() + self._ttl).timestamp())
        claims = json.dumps({"sub": subject, "exp": expires}, separators=(",", ":"))
        payload = _encode(claims.encode())
        return IssuedToken(
            value=f"{payload}.{self._sign(payload)}",
            expires_at=datetime.fromtimestamp(expires, UTC),
        )

    def verify(self, token: str) -> str:
        """Return the token's subject after checking signature and expiry."""
        payload, _, signature = token.partition(".")
        expected = self._sign(payload).encode()
        if not signature or not hmac.compare_digest(signature.encode(), expected):
            raise AuthenticationError("invalid token")
        try:
            claims = json.loads(_decode(payload))
            subject, expires = str(claims["sub"]), int(claims["exp"])
        except (binascii.Error, ValueError, KeyError, TypeError) as error:
            raise AuthenticationError("invalid token") from error
        if expires <= self._clock.now().timestamp():
            raise AuthenticationError("token expired")
        return subject

    def _sign(self, payload: str) -> str:
        """Return the encoded HMAC of ``payload``."""
        return _encode(hmac.new(self._key, payload.encode(), hashlib.sha256).digest())


def _encode(raw: bytes) -> str:
    """Encode bytes as unpadded URL-safe base64."""
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _decode(text: str) -> bytes:
    """Decode unpadded URL-safe base64."""
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
