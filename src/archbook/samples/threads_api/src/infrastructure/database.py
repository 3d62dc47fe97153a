"""Motor client factory."""

from collections.abc import Iterator

from motor.motor_asyncio import AsyncIOMotorClient, AsyncIOMotorDatabase


def open_mongo_client(uri: str) -> Iterator[AsyncIOMotorClient]:
    """Yield a Motor client for the container's lifetime, then close it."""
    client: AsyncIOMotorClient = AsyncIOMotorClient(uri, tz_aware=True)
    try:
        yield client
    finally:
        client.close()


def get_database(client: AsyncIOMotorClient, name: str) -> AsyncIOMotorDatabase:
    """Return the service's database on ``client``."""
    return client[name]
