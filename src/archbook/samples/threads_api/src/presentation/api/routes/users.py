"""User profiles."""

from dependency_injector.wiring import Provide, inject
from fastapi import APIRouter, Depends

from src.application.services.user_service import UserService
from src.domain.entities.user import User
from src.infrastructure.container import Container
from src.presentation.api.dependencies import get_current_user
from src.presentation.api.schemas.users import (
    PublicUserResponse,
    UpdateProfileRequest,
    UserResponse,
)

router = APIRouter(prefix="/users", tags=["users"])


@router.patch("/me", response_model=UserResponse)
@inject
async def update_my_profile(
    payload: UpdateProfileRequest,
    current_user: User = Depends(get_current_user),
    user_service: UserService = Depends(Provide[Container.user_service]),
) -> UserResponse:
    """Change the authenticated user's display name."""
    user = await user_service.rename(current_user.id, payload.display_name)
    return UserResponse.from_entity(user)


@router.get("/{user_id}", response_model=PublicUserResponse)
@inject
async def get_user(
    user_id: str,
    user_service: UserService = Depends(Provide[Container.user_service]),
) -> PublicUserResponse:
    """Return a user's public profile."""
    return PublicUserResponse.from_entity(await user_service.get_user(user_id))
