"""Discount rules: pure arithmetic on a cart, kept in a services folder for now."""

from shop.domain.cart import Cart


def best_discount(cart: Cart) -> float:
    if cart.subtotal() >= 100:
        return cart.subtotal() * 0.1
    return 0.0
