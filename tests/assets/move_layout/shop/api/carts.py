from fastapi import APIRouter

from shop.domain.cart import Cart
from shop.services.discounts import best_discount

cart_router = APIRouter(prefix="/carts")


@cart_router.post("/total")
def cart_total(cart: Cart) -> dict[str, float]:
    return {"total": cart.subtotal() - best_discount(cart)}
