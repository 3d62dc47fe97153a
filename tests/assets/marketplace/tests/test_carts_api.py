from app.container import get_carts_service
from app.infrastructure.db.repositories.carts_repository import SqlCartRepository
from app.presentation.api.routes.carts import router


def test_router_prefix() -> None:
    assert router.prefix == "/carts"
    assert get_carts_service and SqlCartRepository
