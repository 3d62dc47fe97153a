from src.application.ports.booking_repository import BookingRepositoryPort
from src.domain.entities.booking import Booking


class GetAllBookingsUseCase:
    def __init__(self, repository: BookingRepositoryPort) -> None:
        self._repository = repository

    async def execute(self) -> list[Booking]:
        return await self._repository.find_all()
