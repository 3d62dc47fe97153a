from app.domain.user import User


def bill(user: User) -> int:
    return len(user.name)
