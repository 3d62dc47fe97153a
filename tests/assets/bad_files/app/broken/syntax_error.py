from app.domain.user import User


def broken(:
    return User
