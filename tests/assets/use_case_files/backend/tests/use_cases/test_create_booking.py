from src.application.use_cases.booking.create_booking_use_case import CreateBookingUseCase


def test_the_use_case_keeps_its_repository() -> None:
    assert CreateBookingUseCase(repository=None)._repository is None  # type: ignore[arg-type]
