from src.application.ports.booking_repository import BookingRepositoryPort
from src.application.ports.room_repository import RoomRepositoryPort

__all__ = ["BookingRepositoryPort", "RoomRepositoryPort"]
