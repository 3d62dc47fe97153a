from uuid import UUID

from app.application.ports.carts_repository import CartRepository
from app.domain.entities.cart import Cart
from app.domain.errors import NotFound
from app.infrastructure.adapters.redis_cache import RedisCache


class CartsService:
    def __init__(self, repository: CartRepository) -> None:
        self.repository = repository

    def get(self, id: UUID) -> Cart:
        found = self.repository.get(id)
        if found is None:
            raise NotFound(str(id))
        return found
