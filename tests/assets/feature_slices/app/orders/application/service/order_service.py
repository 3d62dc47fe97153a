from app.orders.application.dto.order_dto import PlaceOrderCommand
from app.orders.domain.entity.order import Order, OrderItem
from app.orders.domain.repository.order_repository import OrderRepository
from app.orders.domain.usecase.place_order import PlaceOrderUseCase
from app.users.domain.entity.user import UserNotFoundError
from app.users.domain.repository.user_repository import UserRepository


class OrderService(PlaceOrderUseCase):
    def __init__(self, orders: OrderRepository, users: UserRepository) -> None:
        self._orders = orders
        self._users = users

    async def place(self, command: PlaceOrderCommand) -> Order:
        if await self._users.get_by_id(command.user_id) is None:
            raise UserNotFoundError(command.user_id)
        order = Order(
            user_id=command.user_id,
            items=[OrderItem(i.product_id, i.quantity, i.unit_price) for i in command.items],
        )
        order.confirm()
        return await self._orders.save(order)

    async def history(self, user_id: int) -> list[Order]:
        return await self._orders.list_for_user(user_id)
