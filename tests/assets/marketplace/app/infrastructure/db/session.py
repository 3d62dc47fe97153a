from app.core.config import DATABASE_URL


class Session:
    url = DATABASE_URL
