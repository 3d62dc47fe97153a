from uuid import UUID

from dependency_injector.wiring import Provide, inject
from fastapi import APIRouter, Depends, HTTPException, status

from src.application.services.user_service import UserService
from src.domain.exceptions import EmailAlreadyRegisteredError, UserNotFoundError
from src.infrastructure.container import Container
from src.presentation.api.schemas import UserCreate, UserRead

router = APIRouter()


@router.post("", response_model=UserRead, status_code=status.HTTP_201_CREATED)
@inject
async def register_user(
    payload: UserCreate,
    service: UserService = Depends(Provide[Container.user_service]),
) -> UserRead:
    try:
        user = await service.register(email=payload.email, full_name=payload.full_name)
    except EmailAlreadyRegisteredError as exc:
        raise HTTPException(status_code=status.HTTP_409_CONFLICT, detail=str(exc)) from exc
    return UserRead.from_domain(user)


@router.get("/{user_id}", response_model=UserRead)
@inject
async def get_user(
    user_id: UUID,
    service: UserService = Depends(Provide[Container.user_service]),
) -> UserRead:
    try:
        user = await service.get(user_id)
    except UserNotFoundError as exc:
        raise HTTPException(status_code=status.HTTP_404_NOT_FOUND, detail=str(exc)) from exc
    return UserRead.from_domain(user)
