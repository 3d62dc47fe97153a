from app.container import get_payments_service
from app.infrastructure.db.repositories.payments_repository import SqlPaymentRepository
from app.presentation.api.routes.payments import router


def test_router_prefix() -> None:
    assert router.prefix == "/payments"
    assert get_payments_service and SqlPaymentRepository
