"""HTTP clients and Redis: *_bad shows the slow idiom, *_ok the fix."""
import httpx
import redis.asyncio as aioredis
import requests


async def price_bad(url: str) -> float:
    return float(requests.get(url, timeout=5).text)


async def price_ok(url: str) -> float:
    async with httpx.AsyncClient(timeout=5) as client:
        return float((await client.get(url)).text)


def stock_bad(url: str) -> int:
    return int(requests.get(url).text)


def stock_ok(url: str) -> int:
    return int(requests.get(url, timeout=5).text)


async def cached_keys_bad(cache: aioredis.Redis) -> list[bytes]:
    return await cache.keys("dish:*")


async def cached_keys_ok(cache: aioredis.Redis) -> list[bytes]:
    return [key async for key in cache.scan_iter(match="dish:*", count=500)]


async def scan_bad(cache: aioredis.Redis) -> list[bytes]:
    return [key async for key in cache.scan_iter(match="dish:*")]


async def recent_bad(cache: aioredis.Redis) -> list[bytes]:
    return await cache.lrange("recent", 0, -1)


async def recent_ok(cache: aioredis.Redis) -> list[bytes]:
    return await cache.lrange("recent", 0, 49)


def labels_ok(labels: dict[str, str]) -> list[str]:
    return list(labels.keys())
