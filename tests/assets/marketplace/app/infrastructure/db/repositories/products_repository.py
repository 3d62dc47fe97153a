from uuid import UUID

from app.application.ports.products_repository import ProductRepository
from app.domain.entities.product import Product
from app.infrastructure.db.base import Base
from app.infrastructure.db.session import Session


class SqlProductRepository(ProductRepository, Base):
    session = Session

    def get(self, id: UUID) -> Product:
        return Product(id=id)
