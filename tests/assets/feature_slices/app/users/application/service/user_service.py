import hashlib

from app.users.application.dto.user_dto import RegisterUserCommand
from app.users.domain.entity.user import DuplicateEmailOrNicknameError, User, UserNotFoundError
from app.users.domain.repository.user_repository import UserRepository
from app.users.domain.usecase.register_user import RegisterUserUseCase


class UserService(RegisterUserUseCase):
    def __init__(self, repository: UserRepository) -> None:
        self._repository = repository

    async def register(self, command: RegisterUserCommand) -> User:
        existing = await self._repository.get_by_email_or_nickname(command.email, command.nickname)
        if existing is not None:
            raise DuplicateEmailOrNicknameError(command.email)
        user = User(
            email=command.email,
            nickname=command.nickname,
            password_hash=hashlib.sha256(command.password.encode()).hexdigest(),
        )
        return await self._repository.save(user)

    async def get_user(self, user_id: int) -> User:
        user = await self._repository.get_by_id(user_id)
        if user is None:
            raise UserNotFoundError(user_id)
        return user
