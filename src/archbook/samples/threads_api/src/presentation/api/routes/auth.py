"""Registration, login and the caller's own account."""

from dependency_injector.wiring import Provide, inject
from fastapi import APIRouter, Depends, status

from src.application.services.auth_service import AuthService
from src.domain.entities.user import User
from src.infrastructure.container import Container
from src.presentation.api.dependencies import get_current_user
from src.presentation.api.schemas.auth import LoginRequest, RegisterRequest, TokenResponse
from src.presentation.api.schemas.users import UserResponse

router = APIRouter(prefix="/auth", tags=["auth"])


@router.post("/register", response_model=UserResponse, status_code=status.HTTP_201_CREATED)
@inject
async def register(
    payload: RegisterRequest,
    auth_service: AuthService = Depends(Provide[Container.auth_service]),
) -> UserResponse:
    """Create an account."""
    user = await auth_service.register(payload.email, payload.password, payload.display_name)
    return UserResponse.from_entity(user)


@router.post("/login", response_model=TokenResponse)
@inject
async def login(
    payload: LoginRequest,
    auth_service: AuthService = Depends(Provide[Container.auth_service]),
) -> TokenResponse:
    """Exchange e-mail and password for a bearer token."""
    token = await auth_service.login(payload.email, payload.password)
    return TokenResponse(access_token=token.value, expires_at=token.expires_at)


@router.get("/me", response_model=UserResponse)
async def me(current_user: User = Depends(get_current_user)) -> UserResponse:
    """Return the authenticated user's account."""
    return UserResponse.from_entity(current_user)
