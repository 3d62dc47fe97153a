class DomainError(Exception):
    """Base class for business rule violations."""


class InvalidEmailError(DomainError):
    pass


class EmailAlreadyRegisteredError(DomainError):
    pass


class UserNotFoundError(DomainError):
    pass


class OrderNotFoundError(DomainError):
    pass


class EmptyOrderError(DomainError):
    pass
