from uuid import UUID

from fastapi import APIRouter, Depends

from app.application.services.users_service import UsersService
from app.container import get_users_service
from app.presentation.api.schemas.users import UserOut

router = APIRouter(prefix="/users")


@router.get("/{id}")
def read(id: UUID, service: UsersService = Depends(get_users_service)) -> UserOut:
    return UserOut(id=service.get(id).id)
