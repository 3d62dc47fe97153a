from shop.domain.cart import Cart
from shop.services.discounts import best_discount


def test_a_large_cart_gets_ten_percent() -> None:
    assert best_discount(Cart([60.0, 40.0])) == 10.0
