from src.application.ports.room_repository import RoomRepositoryPort
from src.domain.entities.room import Room


class MongoDBRoomRepository(RoomRepositoryPort):
    async def find_by_id(self, room_id: str) -> Room | None:
        return None
