import os

DATABASE_URL = os.environ.get("DATABASE_URL", "sqlite://")
REDIS_URL = os.environ.get("REDIS_URL", "redis://localhost")
