"""Members in MongoDB (Motor)."""

from motor.motor_asyncio import AsyncIOMotorDatabase

from src.application.ports.member_repository import MemberRepository
from src.domain.entities.member import Member


class MongoMemberRepository(MemberRepository):
    def __init__(self, database: AsyncIOMotorDatabase) -> None:
        self._collection = database["members"]

    async def get(self, member_id: str) -> Member | None:
        document = await self._collection.find_one({"_id": member_id})
        return Member(document["_id"], document["name"], document["email"]) if document else None

    async def add(self, member: Member) -> None:
        await self._collection.insert_one(
            {"_id": member.id, "name": member.name, "email": member.email}
        )
