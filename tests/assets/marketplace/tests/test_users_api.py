from app.container import get_users_service
from app.infrastructure.db.repositories.users_repository import SqlUserRepository
from app.presentation.api.routes.users import router


def test_router_prefix() -> None:
    assert router.prefix == "/users"
    assert get_users_service and SqlUserRepository
