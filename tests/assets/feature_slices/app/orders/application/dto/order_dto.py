from decimal import Decimal

from pydantic import BaseModel, Field


class OrderItemIn(BaseModel):
    product_id: int
    quantity: int = Field(gt=0)
    unit_price: Decimal = Field(ge=0)


class PlaceOrderCommand(BaseModel):
    user_id: int
    items: list[OrderItemIn] = Field(min_length=1)


class OrderResponse(BaseModel):
    id: int
    user_id: int
    status: str
    total: Decimal
