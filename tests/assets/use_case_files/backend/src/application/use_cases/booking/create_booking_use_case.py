from src.application.ports.booking_repository import BookingRepositoryPort
from src.domain.entities.booking import Booking


class CreateBookingUseCase:
    def __init__(self, repository: BookingRepositoryPort) -> None:
        self._repository = repository

    async def execute(self, booking: Booking) -> Booking:
        return await self._repository.create(booking)
