"""HTTP endpoints of billing."""

from fastapi import APIRouter

from notes.billing._app._facade import bill
from notes.billing._app._repository import InvoiceRepository

router = APIRouter(prefix="/invoices")


@router.post("/{number}")
def post_invoice(number: str, cents: int) -> dict[str, int]:
    return {"cents": bill(InvoiceRepository(), number, cents).cents}
