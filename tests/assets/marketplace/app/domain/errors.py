class DomainError(Exception):
    pass


class NotFound(DomainError):
    pass
