from abc import ABC, abstractmethod

from src.domain.entities.room import Room


class RoomRepositoryPort(ABC):
    @abstractmethod
    async def find_by_id(self, room_id: str) -> Room | None: ...
