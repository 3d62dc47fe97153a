from shop.core.ports import Notifier


class MailNotifier(Notifier):
    def send(self, text: str) -> None:
        print(text)


class SmsNotifier(Notifier):
    def send(self, text: str) -> None:
        print(text)
