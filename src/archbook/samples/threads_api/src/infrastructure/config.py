"""Application settings read from the environment."""

import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

Storage = Literal["mongo", "memory"]
_ENV_PREFIX = "THREADS_"


@dataclass(frozen=True)
class Settings:
    """Runtime configuration of the service."""

    secret_key: str
    storage: Storage = "mongo"
    mongo_uri: str = "mongodb://localhost:27017"
    mongo_database: str = "threads"
    token_ttl_seconds: int = 3_600
    pbkdf2_iterations: int = 600_000

    @classmethod
    def from_env(cls, environ: Mapping[str, str] = os.environ) -> "Settings":
        """Build settings from ``THREADS_*`` environment variables."""

        def read(name: str, default: object = None) -> Any:
            """Return the prefixed variable ``name`` or ``default``."""
            return environ.get(f"{_ENV_PREFIX}{name}", default)

        secret_key = read("SECRET_KEY")
        if not secret_key:
            raise RuntimeError(f"{_ENV_PREFIX}SECRET_KEY must be set")
        storage = read("STORAGE", cls.storage)
        if storage not in ("mongo", "memory"):
            raise RuntimeError(f"{_ENV_PREFIX}STORAGE must be 'mongo' or 'memory'")
        return cls(
            secret_key=secret_key,
            storage=storage,
            mongo_uri=read("MONGO_URI", cls.mongo_uri),
            mongo_database=read("MONGO_DATABASE", cls.mongo_database),
            token_ttl_seconds=int(read("TOKEN_TTL_SECONDS", cls.token_ttl_seconds)),
            pbkdf2_iterations=int(read("PBKDF2_ITERATIONS", cls.pbkdf2_iterations)),
        )

    def as_container_config(self) -> dict[str, Any]:
        """Return the nested mapping loaded into the container's configuration."""
        return {
            "storage": self.storage,
            "mongo": {"uri": self.mongo_uri, "database": self.mongo_database},
            "security": {
                "secret_key": self.secret_key,
                "token_ttl_seconds": self.token_ttl_seconds,
                "pbkdf2_iterations": self.pbkdf2_iterations,
            },
        }
