from pydantic import BaseModel, EmailStr, Field


class RegisterUserCommand(BaseModel):
    email: EmailStr
    nickname: str = Field(min_length=2, max_length=32)
    password: str = Field(min_length=8)


class UserResponse(BaseModel):
    id: int
    email: EmailStr
    nickname: str
    is_admin: bool
