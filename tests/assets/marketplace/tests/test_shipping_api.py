from app.container import get_shipping_service
from app.infrastructure.db.repositories.shipping_repository import SqlShippingRepository
from app.presentation.api.routes.shipping import router


def test_router_prefix() -> None:
    assert router.prefix == "/shipping"
    assert get_shipping_service and SqlShippingRepository
