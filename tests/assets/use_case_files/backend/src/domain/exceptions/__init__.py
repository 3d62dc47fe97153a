from src.domain.exceptions.booking import BookingNotFoundError

__all__ = ["BookingNotFoundError"]
