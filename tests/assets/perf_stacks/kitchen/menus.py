"""Beanie and ODMantic beside Motor: *_bad reads whole collections, *_ok pages."""
from beanie import Document
from motor.motor_asyncio import AsyncIOMotorClient
from odmantic import AIOEngine, Model


class Menu(Document):
    title: str


class Card(Model):
    title: str


CLIENT = AsyncIOMotorClient()


async def menus_bad() -> list[Menu]:
    return await Menu.find_all().to_list()


async def menus_ok(size: int) -> list[Menu]:
    return await Menu.find_all().limit(size).to_list()


async def cards_bad(engine: AIOEngine) -> list[Card]:
    return await engine.find(Card, Card.title == "x")


async def cards_ok(engine: AIOEngine, size: int) -> list[Card]:
    return await engine.find(Card, Card.title == "x", limit=size)


def slash_ok(names: dict[str, str]) -> int:
    return names["other"].find("/")
