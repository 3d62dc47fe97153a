from uuid import UUID

from fastapi import APIRouter, Depends

from app.application.services.orders_service import OrdersService
from app.container import get_orders_service
from app.presentation.api.schemas.orders import OrderOut

router = APIRouter(prefix="/orders")


@router.get("/{id}")
def read(id: UUID, service: OrdersService = Depends(get_orders_service)) -> OrderOut:
    return OrderOut(id=service.get(id).id)
