from collections.abc import AsyncIterator

import asyncpg

_pool: asyncpg.Pool | None = None


async def init_pool(dsn: str) -> None:
    global _pool
    _pool = await asyncpg.create_pool(dsn, min_size=1, max_size=10)


async def close_pool() -> None:
    if _pool is not None:
        await _pool.close()


async def get_connection() -> AsyncIterator[asyncpg.Connection]:
    assert _pool is not None, "database pool not initialised"
    async with _pool.acquire() as connection:
        yield connection
