from datetime import date

from pydantic import BaseModel


class BookingCreateDTO(BaseModel):
    room_id: str
    guest_email: str
    day: date


class BookingResponseDTO(BookingCreateDTO):
    id: str
