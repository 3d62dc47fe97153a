class DomainError(Exception):
    """Raised when a business invariant is broken."""

    code: str = "domain_error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
