from src.application.use_cases.booking.create_booking_use_case import CreateBookingUseCase
from src.application.use_cases.booking.get_all_bookings_use_case import GetAllBookingsUseCase

__all__ = ["CreateBookingUseCase", "GetAllBookingsUseCase"]
