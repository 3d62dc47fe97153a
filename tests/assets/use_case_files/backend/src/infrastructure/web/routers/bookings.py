from fastapi import APIRouter, Depends

from src.application.use_cases.booking.create_booking_use_case import CreateBookingUseCase
from src.application.use_cases.booking.get_all_bookings_use_case import GetAllBookingsUseCase
from src.infrastructure.web.dependencies import (
    get_all_bookings_use_case,
    get_create_booking_use_case,
)
from src.infrastructure.web.dto.booking_dto import BookingCreateDTO, BookingResponseDTO

booking_router = APIRouter(prefix="/api/bookings", tags=["bookings"])


@booking_router.get("", response_model=list[BookingResponseDTO])
async def list_bookings(
    use_case: GetAllBookingsUseCase = Depends(get_all_bookings_use_case),
) -> list[BookingResponseDTO]:
    return [BookingResponseDTO(**b.__dict__) for b in await use_case.execute()]


@booking_router.post("", response_model=BookingResponseDTO, status_code=201)
async def create_booking(
    payload: BookingCreateDTO,
    use_case: CreateBookingUseCase = Depends(get_create_booking_use_case),
) -> BookingResponseDTO:
    raise NotImplementedError
