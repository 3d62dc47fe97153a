from typing import Annotated

from fastapi import APIRouter, Depends
from pydantic import BaseModel

from app.services.order_service import OrderService

router = APIRouter(tags=["orders"])


class OrderOut(BaseModel):
    id: str
    state: str


@router.post("/{order_id}/confirm", response_model=OrderOut)
async def confirm_order(order_id: str, service: OrderService = Depends(OrderService)) -> OrderOut:
    order = await service.confirm(order_id)
    return OrderOut(id=order.id, state=order.state.value)


@router.get("/{order_id}", response_model=OrderOut)
async def get_order(order_id: str, service: Annotated[OrderService, Depends()]) -> OrderOut:
    order = await service.find(order_id)
    return OrderOut(id=order.id, state=order.state.value)
