import smtplib


def send_receipt(address: str, body: str) -> None:
    with smtplib.SMTP("localhost") as client:
        client.sendmail("shop@example.org", [address], body)
