import bcrypt

from src.users.ports.password_hasher import PasswordHasher


class BcryptPasswordHasher(PasswordHasher):
    def __init__(self, rounds: int = 12) -> None:
        self._rounds = rounds

    def hash(self, raw: str) -> str:
        return bcrypt.hashpw(raw.encode(), bcrypt.gensalt(self._rounds)).decode()

    def verify(self, raw: str, hashed: str) -> bool:
        return bcrypt.checkpw(raw.encode(), hashed.encode())
