"""Request and response bodies of the authentication routes."""

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

from src.domain.entities.user import MAX_DISPLAY_NAME_LENGTH


class RegisterRequest(BaseModel):
    """Sign-up form."""

    email: str = Field(max_length=254, examples=["ada@example.com"])
    password: str = Field(min_length=8, max_length=128)
    display_name: str = Field(min_length=1, max_length=MAX_DISPLAY_NAME_LENGTH)


class LoginRequest(BaseModel):
    """Credentials exchanged for an access token."""

    email: str = Field(max_length=254)
    password: str = Field(max_length=128)


class TokenResponse(BaseModel):
    """A bearer token and its expiry."""

    access_token: str
    token_type: Literal["bearer"] = "bearer"
    expires_at: datetime
