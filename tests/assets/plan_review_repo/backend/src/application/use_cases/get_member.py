"""Use case: one member by id."""

from src.application.ports.member_repository import MemberRepository
from src.domain.entities.member import Member


class GetMemberUseCase:
    def __init__(self, repository: MemberRepository) -> None:
        self._repository = repository

    async def execute(self, member_id: str) -> Member | None:
        return await self._repository.get(member_id)
