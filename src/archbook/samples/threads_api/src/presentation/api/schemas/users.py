"""Request and response bodies describing users."""

from datetime import datetime

from pydantic import BaseModel, Field

from src.domain.entities.user import MAX_DISPLAY_NAME_LENGTH, User


class UserResponse(BaseModel):
    """The caller's own account, including the e-mail address."""

    id: str
    email: str
    display_name: str
    created_at: datetime

    @classmethod
    def from_entity(cls, user: User) -> "UserResponse":
        """Build the response from a user entity."""
        return cls(
            id=user.id,
            email=user.email.value,
            display_name=user.display_name,
            created_at=user.created_at,
        )


class PublicUserResponse(BaseModel):
    """What everyone may see about a user."""

    id: str
    display_name: str
    created_at: datetime

    @classmethod
    def from_entity(cls, user: User) -> "PublicUserResponse":
        """Build the response from a user entity."""
        return cls(id=user.id, display_name=user.display_name, created_at=user.created_at)


class UpdateProfileRequest(BaseModel):
    """Profile fields a user may change."""

    display_name: str = Field(min_length=1, max_length=MAX_DISPLAY_NAME_LENGTH)
