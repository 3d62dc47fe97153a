from src.application.use_cases.booking.create_booking_use_case import CreateBookingUseCase
from src.application.use_cases.booking.get_all_bookings_use_case import GetAllBookingsUseCase
from src.infrastructure.adapters.repositories.mongodb_booking_repository import (
    MongoDBBookingRepository,
)


def get_booking_repository() -> MongoDBBookingRepository:
    return MongoDBBookingRepository(collection=None)


def get_create_booking_use_case() -> CreateBookingUseCase:
    return CreateBookingUseCase(get_booking_repository())


def get_all_bookings_use_case() -> GetAllBookingsUseCase:
    return GetAllBookingsUseCase(get_booking_repository())
