from dataclasses import dataclass


@dataclass
class Room:
    id: str
    name: str
    seats: int
