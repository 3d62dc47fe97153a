"""Registration, login and token authentication."""

from uuid import uuid4

from src.application.ports.clock import Clock
from src.application.ports.password_hasher import PasswordHasher
from src.application.ports.token_service import IssuedToken, TokenService
from src.application.ports.user_repository import UserRepository
from src.domain.entities.user import User
from src.domain.errors import AuthenticationError, Conflict, InvalidInput
from src.domain.value_objects.email import Email

MIN_PASSWORD_LENGTH = 8


class AuthService:
    """Use cases that create users and prove who a caller is."""

    def __init__(
        self,
        users: UserRepository,
        hasher: PasswordHasher,
        tokens: TokenService,
        clock: Clock,
    ) -> None:
        self._users = users
        self._hasher = hasher
        self._tokens = tokens
        self._clock = clock

    async def register(self, email: str, password: str, display_name: str) -> User:
        """Create an account; e-mail addresses are unique regardless of case."""
        address = Email(email)
        if len(password) < MIN_PASSWORD_LENGTH:
            raise InvalidInput(f"password must have at least {MIN_PASSWORD_LENGTH} characters")
        if await self._users.get_by_email(address) is not None:
            raise Conflict(f"{address} is already registered")
        user = User(
            id=uuid4().hex,
            email=address,
            display_name=display_name,
            password_hash=await self._hasher.hash_password(password),
            created_at=self._clock.now(),
        )
        await self._users.add(user)
        return user

    async def login(self, email: str, password: str) -> IssuedToken:
        """Exchange valid credentials for an access token."""
        user = await self._users.get_by_email(Email(email))
        if user is None or not await self._hasher.verify_password(password, user.password_hash):
            raise AuthenticationError("invalid e-mail or password")
        return self._tokens.issue(user.id)

    async def authenticate(self, token: str) -> User:
        """Return the user a bearer token was issued to."""
        user = await self._users.get_by_id(self._tokens.verify(token))
        if user is None:
            raise AuthenticationError("the token's user no longer exists")
        return user
