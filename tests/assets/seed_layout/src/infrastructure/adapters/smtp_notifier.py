from email.message import EmailMessage

import aiosmtplib

from src.application.ports.notifier import Notifier
from src.config import Settings
from src.domain.user import User


class SmtpNotifier(Notifier):
    def __init__(self, host: str, port: int, sender: str) -> None:
        self._host = host
        self._port = port
        self._sender = sender

    @classmethod
    def from_settings(cls, settings: Settings) -> "SmtpNotifier":
        return cls(host=settings.smtp_host, port=settings.smtp_port, sender=settings.smtp_sender)

    async def send_welcome(self, user: User) -> None:
        message = EmailMessage()
        message["From"] = self._sender
        message["To"] = user.email
        message["Subject"] = "Welcome to seed-shop"
        message.set_content(f"Hi {user.full_name}, thanks for signing up!")
        await aiosmtplib.send(message, hostname=self._host, port=self._port)
