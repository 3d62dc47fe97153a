from app.container import get_products_service
from app.infrastructure.db.repositories.products_repository import SqlProductRepository
from app.presentation.api.routes.products import router


def test_router_prefix() -> None:
    assert router.prefix == "/products"
    assert get_products_service and SqlProductRepository
