from shop.services.sms import send

MAIL = send
