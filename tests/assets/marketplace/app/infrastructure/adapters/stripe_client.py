from app.application.ports.payment_gateway import PaymentGateway
from app.application.services.orders_service import OrdersService
from app.domain.value_objects.money import Money


class StripeClient(PaymentGateway):
    def charge(self, amount: Money) -> str:
        return OrdersService.__name__
