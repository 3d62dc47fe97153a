from dependency_injector.wiring import Provide, inject
from fastapi import APIRouter, Depends, HTTPException

from app.container import Container
from app.orders.application.dto.order_dto import OrderResponse, PlaceOrderCommand
from app.orders.domain.entity.order import EmptyOrderError
from app.orders.domain.usecase.place_order import PlaceOrderUseCase
from app.users.domain.entity.user import UserNotFoundError

order_router = APIRouter()


@order_router.post("", response_model=OrderResponse)
@inject
async def place_order(
    command: PlaceOrderCommand,
    usecase: PlaceOrderUseCase = Depends(Provide[Container.orders.order_service]),
) -> OrderResponse:
    try:
        order = await usecase.place(command)
    except (UserNotFoundError, EmptyOrderError) as exc:
        raise HTTPException(status_code=422, detail=str(exc)) from exc
    return OrderResponse(id=order.id, user_id=order.user_id, status=order.status.value, total=order.total)


@order_router.get("/users/{user_id}", response_model=list[OrderResponse])
@inject
async def order_history(
    user_id: int,
    usecase: PlaceOrderUseCase = Depends(Provide[Container.orders.order_service]),
) -> list[OrderResponse]:
    orders = await usecase.history(user_id)
    return [OrderResponse(id=o.id, user_id=o.user_id, status=o.status.value, total=o.total) for o in orders]
