from shop.infrastructure.services.mailer import send_receipt

ROUND = send_receipt
