from functools import lru_cache

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="SHOP_", env_file=".env")

    app_name: str = "seed-shop"
    database_url: str = "postgresql+asyncpg://shop:shop@localhost:5432/shop"
    smtp_host: str = "localhost"
    smtp_port: int = 1025
    smtp_sender: str = "no-reply@seed-shop.local"


@lru_cache
def get_settings() -> Settings:
    return Settings()
