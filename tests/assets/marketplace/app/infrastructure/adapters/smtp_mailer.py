from app.application.ports.mailer import Mailer
from app.application.services.users_service import UsersService


class SmtpMailer(Mailer):
    def send(self, to: str, body: str) -> None:
        UsersService.__name__
