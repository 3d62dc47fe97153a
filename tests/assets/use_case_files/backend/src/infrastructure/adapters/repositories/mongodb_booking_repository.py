from src.application.ports.booking_repository import BookingRepositoryPort
from src.domain.entities.booking import Booking


class MongoDBBookingRepository(BookingRepositoryPort):
    def __init__(self, collection: object) -> None:
        self._collection = collection

    async def find_by_id(self, booking_id: str) -> Booking | None:
        return None

    async def find_all(self) -> list[Booking]:
        return []

    async def create(self, booking: Booking) -> Booking:
        return booking
