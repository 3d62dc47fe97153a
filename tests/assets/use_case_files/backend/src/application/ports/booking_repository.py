from abc import ABC, abstractmethod

from src.domain.entities.booking import Booking


class BookingRepositoryPort(ABC):
    @abstractmethod
    async def find_by_id(self, booking_id: str) -> Booking | None: ...

    @abstractmethod
    async def find_all(self) -> list[Booking]: ...

    @abstractmethod
    async def create(self, booking: Booking) -> Booking: ...
