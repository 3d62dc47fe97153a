from uuid import UUID

from fastapi import APIRouter, Depends

from app.application.services.products_service import ProductsService
from app.container import get_products_service
from app.presentation.api.schemas.products import ProductOut

router = APIRouter(prefix="/products")


@router.get("/{id}")
def read(id: UUID, service: ProductsService = Depends(get_products_service)) -> ProductOut:
    return ProductOut(id=service.get(id).id)
