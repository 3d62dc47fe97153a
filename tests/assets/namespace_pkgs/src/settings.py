import os
from dataclasses import dataclass


@dataclass(frozen=True)
class Settings:
    database_url: str = os.getenv("DATABASE_URL", "postgresql://billing:billing@localhost/billing")
    stripe_api_key: str = os.getenv("STRIPE_API_KEY", "sk_test_placeholder")
    bcrypt_rounds: int = int(os.getenv("BCRYPT_ROUNDS", "12"))


settings = Settings()
