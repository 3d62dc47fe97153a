"""Settings read from the environment."""

from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    database_url: str = "sqlite:///notes.db"


settings = Settings()
