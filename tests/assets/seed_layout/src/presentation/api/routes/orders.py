from uuid import UUID

from dependency_injector.wiring import Provide, inject
from fastapi import APIRouter, Depends, HTTPException, status

from src.application.services.order_service import OrderService
from src.domain.exceptions import OrderNotFoundError, UserNotFoundError
from src.infrastructure.container import Container
from src.presentation.api.schemas import OrderCreate, OrderRead

router = APIRouter()


@router.post("", response_model=OrderRead, status_code=status.HTTP_201_CREATED)
@inject
async def place_order(
    payload: OrderCreate,
    service: OrderService = Depends(Provide[Container.order_service]),
) -> OrderRead:
    try:
        order = await service.place_order(
            user_id=payload.user_id,
            lines=[(line.sku, line.quantity, line.unit_price_cents) for line in payload.lines],
        )
    except UserNotFoundError as exc:
        raise HTTPException(status_code=status.HTTP_422_UNPROCESSABLE_ENTITY, detail=str(exc)) from exc
    return OrderRead.from_domain(order)


@router.get("/{order_id}", response_model=OrderRead)
@inject
async def get_order(
    order_id: UUID,
    service: OrderService = Depends(Provide[Container.order_service]),
) -> OrderRead:
    try:
        order = await service.get(order_id)
    except OrderNotFoundError as exc:
        raise HTTPException(status_code=status.HTTP_404_NOT_FOUND, detail=str(exc)) from exc
    return OrderRead.from_domain(order)
