"""FastAPI dependencies shared by the routes."""

from dependency_injector.wiring import Provide, inject
from fastapi import Depends
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from src.application.services.auth_service import AuthService
from src.domain.entities.user import User
from src.domain.errors import AuthenticationError
from src.infrastructure.container import Container

bearer_scheme = HTTPBearer(auto_error=False)


@inject
async def get_current_user(
    credentials: HTTPAuthorizationCredentials | None = Depends(bearer_scheme),
    auth_service: AuthService = Depends(Provide[Container.auth_service]),
) -> User:
    """Resolve the ``Authorization: Bearer`` header to a user or fail with 401."""
    if credentials is None:
        raise AuthenticationError("missing bearer token")
    return await auth_service.authenticate(credentials.credentials)
