"""Errors raised by the domain and application layers."""


class DomainError(Exception):
    """Base class for every business rule violation."""


class NotFound(DomainError):
    """The requested entity does not exist."""


class Conflict(DomainError):
    """The operation clashes with the current state of an entity."""


class InvalidInput(DomainError):
    """A value does not satisfy a domain invariant."""


class AuthenticationError(DomainError):
    """The caller could not be identified."""


class PermissionDenied(DomainError):
    """The caller is identified but not allowed to perform the operation."""
