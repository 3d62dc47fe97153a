from uuid import UUID

from fastapi import APIRouter, Depends

from app.application.services.carts_service import CartsService
from app.container import get_carts_service
from app.presentation.api.schemas.carts import CartOut

router = APIRouter(prefix="/carts")


@router.get("/{id}")
def read(id: UUID, service: CartsService = Depends(get_carts_service)) -> CartOut:
    return CartOut(id=service.get(id).id)
