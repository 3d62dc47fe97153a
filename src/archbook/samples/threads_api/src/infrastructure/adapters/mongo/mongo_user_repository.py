"""MongoDB implementation of the user repository."""

from typing import Any

from motor.motor_asyncio import AsyncIOMotorDatabase
from pymongo.errors import DuplicateKeyError

from src.application.ports.user_repository import UserRepository
from src.domain.entities.user import User
from src.domain.errors import Conflict
from src.domain.value_objects.email import Email


class MongoUserRepository(UserRepository):
    """Stores users in the ``users`` collection, keyed by their id."""

    def __init__(self, database: AsyncIOMotorDatabase) -> None:
        self._collection = database["users"]

    async def add(self, user: User) -> None:
        """Insert ``user``; the unique e-mail index turns duplicates into ``Conflict``."""
        try:
            await self._collection.insert_one(_to_document(user))
        except DuplicateKeyError as error:
            raise Conflict(f"{user.email} is already registered") from error

    async def get_by_id(self, user_id: str) -> User | None:
        """Return the user with ``user_id``, if any."""
        document = await self._collection.find_one({"_id": user_id})
        return _to_entity(document) if document else None

    async def get_by_email(self, email: Email) -> User | None:
        """Return the user registered with ``email``, if any."""
        document = await self._collection.find_one({"email": email.value})
        return _to_entity(document) if document else None

    async def update(self, user: User) -> None:
        """Save the mutable fields of ``user``."""
        await self._collection.update_one(
            {"_id": user.id}, {"$set": {"display_name": user.display_name}}
        )


def _to_document(user: User) -> dict[str, Any]:
    """Map a user to its stored shape."""
    return {
        "_id": user.id,
        "email": user.email.value,
        "display_name": user.display_name,
        "password_hash": user.password_hash,
        "created_at": user.created_at,
    }


def _to_entity(document: dict[str, Any]) -> User:
    """Map a stored document back to a user."""
    return User(
        id=document["_id"],
        email=Email(document["email"]),
        display_name=document["display_name"],
        password_hash=document["password_hash"],
        created_at=document["created_at"],
    )
