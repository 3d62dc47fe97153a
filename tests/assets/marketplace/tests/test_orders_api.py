from app.container import get_orders_service
from app.infrastructure.db.repositories.orders_repository import SqlOrderRepository
from app.presentation.api.routes.orders import router


def test_router_prefix() -> None:
    assert router.prefix == "/orders"
    assert get_orders_service and SqlOrderRepository
