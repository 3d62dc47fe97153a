from fastapi import APIRouter, HTTPException, status
from pydantic import BaseModel, EmailStr

from src.users.routes.dependencies import UserServiceDep
from src.users.services.user_service import EmailTakenError

router = APIRouter(prefix="/users", tags=["users"])


class RegisterBody(BaseModel):
    email: EmailStr
    password: str


class UserOut(BaseModel):
    id: str
    email: EmailStr


@router.post("", status_code=status.HTTP_201_CREATED)
async def register(body: RegisterBody, service: UserServiceDep) -> UserOut:
    try:
        user = await service.register(body.email, body.password)
    except EmailTakenError as exc:
        raise HTTPException(status.HTTP_409_CONFLICT, "email already registered") from exc
    return UserOut(id=str(user.id), email=user.email)


@router.post("/login")
async def login(body: RegisterBody, service: UserServiceDep) -> UserOut:
    user = await service.authenticate(body.email, body.password)
    if user is None:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "invalid credentials")
    return UserOut(id=str(user.id), email=user.email)
