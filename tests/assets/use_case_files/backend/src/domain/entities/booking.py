from dataclasses import dataclass
from datetime import date


@dataclass
class Booking:
    id: str
    room_id: str
    guest_email: str
    day: date
    cancelled: bool = False
