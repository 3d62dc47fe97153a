from app.container import get_inventory_service
from app.infrastructure.db.repositories.inventory_repository import SqlInventoryRepository
from app.presentation.api.routes.inventory import router


def test_router_prefix() -> None:
    assert router.prefix == "/inventory"
    assert get_inventory_service and SqlInventoryRepository
