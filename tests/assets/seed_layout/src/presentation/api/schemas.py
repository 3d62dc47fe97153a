from datetime import datetime
from uuid import UUID

from pydantic import BaseModel, EmailStr, Field

from src.domain.order import Order, OrderStatus
from src.domain.user import User


class UserCreate(BaseModel):
    email: EmailStr
    full_name: str = Field(min_length=1, max_length=120)


class UserRead(BaseModel):
    id: UUID
    email: EmailStr
    full_name: str
    created_at: datetime

    @classmethod
    def from_domain(cls, user: User) -> "UserRead":
        return cls(id=user.id, email=user.email, full_name=user.full_name, created_at=user.created_at)


class OrderLineIn(BaseModel):
    sku: str
    quantity: int = Field(gt=0)
    unit_price_cents: int = Field(ge=0)


class OrderCreate(BaseModel):
    user_id: UUID
    lines: list[OrderLineIn]


class OrderRead(BaseModel):
    id: UUID
    user_id: UUID
    status: OrderStatus
    total_cents: int

    @classmethod
    def from_domain(cls, order: Order) -> "OrderRead":
        return cls(id=order.id, user_id=order.user_id, status=order.status, total_cents=order.total_cents)
