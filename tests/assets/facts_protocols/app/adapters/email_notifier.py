from email.message import EmailMessage

import aiosmtplib


class EmailNotifier:
    def __init__(self, host: str) -> None:
        self._host = host

    async def send(self, to: str, text: str) -> None:
        message = EmailMessage()
        message["To"] = to
        message.set_content(text)
        await aiosmtplib.send(message, hostname=self._host)
