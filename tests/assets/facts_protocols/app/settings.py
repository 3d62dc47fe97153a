from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    smtp_host: str = "localhost"
    sms_url: str = "https://sms.example.com"
