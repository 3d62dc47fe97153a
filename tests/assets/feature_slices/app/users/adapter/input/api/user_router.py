from dependency_injector.wiring import Provide, inject
from fastapi import APIRouter, Depends, HTTPException

from app.container import Container
from app.users.application.dto.user_dto import RegisterUserCommand, UserResponse
from app.users.domain.entity.user import DuplicateEmailOrNicknameError, UserNotFoundError
from app.users.domain.usecase.register_user import RegisterUserUseCase

user_router = APIRouter()


@user_router.post("", response_model=UserResponse)
@inject
async def register_user(
    command: RegisterUserCommand,
    usecase: RegisterUserUseCase = Depends(Provide[Container.users.user_service]),
) -> UserResponse:
    try:
        user = await usecase.register(command)
    except DuplicateEmailOrNicknameError as exc:
        raise HTTPException(status_code=409, detail="email or nickname already taken") from exc
    return UserResponse(id=user.id, email=user.email, nickname=user.nickname, is_admin=user.is_admin)


@user_router.get("/{user_id}", response_model=UserResponse)
@inject
async def get_user(
    user_id: int,
    usecase: RegisterUserUseCase = Depends(Provide[Container.users.user_service]),
) -> UserResponse:
    try:
        user = await usecase.get_user(user_id)
    except UserNotFoundError as exc:
        raise HTTPException(status_code=404, detail="user not found") from exc
    return UserResponse(id=user.id, email=user.email, nickname=user.nickname, is_admin=user.is_admin)
