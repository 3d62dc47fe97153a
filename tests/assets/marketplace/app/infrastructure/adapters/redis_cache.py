from app.application.ports.cache import Cache
from app.core.config import REDIS_URL


class RedisCache(Cache):
    url = REDIS_URL
