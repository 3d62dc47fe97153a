from app.adapters.memory_order_store import InMemoryOrderStore
from app.domain.order import Order, OrderState
from app.services.order_service import OrderService


class RecordingNotifier:
    def __init__(self) -> None:
        self.sent: list[tuple[str, str]] = []

    async def send(self, to: str, text: str) -> None:
        self.sent.append((to, text))


async def test_confirm_notifies_the_customer() -> None:
    store, notifier = InMemoryOrderStore(), RecordingNotifier()
    await store.save(Order(id="o1", email="a@b.c"))
    order = await OrderService(store, notifier).confirm("o1")
    assert order.state is OrderState.CONFIRMED
    assert notifier.sent == [("a@b.c", "your order is confirmed")]
