from fastapi import APIRouter, Depends
from sqlalchemy.orm import Session

from shop.core.messages import ArchiveOrder, RefundOrder, bus
from shop.core.use_cases import Checkout, QuotePrice, reports
from shop.infra import orders_sql
from shop.infra.notifiers import MailNotifier
from shop.web.deps import get_quote

router = APIRouter()


@router.get("/quote/{sku}")
def quote(sku: str, use_case: QuotePrice = Depends(get_quote)) -> int:
    return use_case.run(sku)


@router.post("/checkout")
def checkout(amount: int) -> None:
    use_case = Checkout(MailNotifier(), None)
    use_case.run(amount)


@router.get("/reports")
def daily_reports() -> list[str]:
    return reports.daily()


@router.get("/orders/count")
def order_count(session: Session = Depends()) -> int:
    return orders_sql.count_orders(session)


class PriceController:
    @property
    def quotes(self) -> QuotePrice:
        return QuotePrice(None)

    @router.get("/price/{sku}")
    def price(self, sku: str) -> int:
        return self.quotes.run(sku)


@router.post("/orders/{order_id}/refund")
def refund(order_id: int) -> None:
    bus.send(RefundOrder(order_id))


@router.post("/orders/{order_id}/archive")
def archive(order_id: int) -> None:
    message = ArchiveOrder(order_id)
    bus.send(message)
