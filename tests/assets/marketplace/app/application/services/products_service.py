from uuid import UUID

from app.application.ports.products_repository import ProductRepository
from app.domain.entities.product import Product
from app.domain.errors import NotFound


class ProductsService:
    def __init__(self, repository: ProductRepository) -> None:
        self.repository = repository

    def get(self, id: UUID) -> Product:
        found = self.repository.get(id)
        if found is None:
            raise NotFound(str(id))
        return found
