class BookingNotFoundError(Exception):
    """No booking with this id."""
