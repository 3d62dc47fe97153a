from src.domain.entities.booking import Booking
from src.domain.entities.room import Room

__all__ = ["Booking", "Room"]
