"""Where members are kept."""

from abc import ABC, abstractmethod

from src.domain.entities.member import Member


class MemberRepository(ABC):
    @abstractmethod
    async def get(self, member_id: str) -> Member | None: ...

    @abstractmethod
    async def add(self, member: Member) -> None: ...
