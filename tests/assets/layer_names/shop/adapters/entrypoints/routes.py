from fastapi import APIRouter

from shop.application.use_cases.place_order import PlaceOrder

router = APIRouter()


@router.post("/orders")
def place(number: str, total: int) -> dict[str, str]:
    PlaceOrder
    return {"number": number}
