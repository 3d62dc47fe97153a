"""SQLAlchemy data access: each *_bad method shows one slow idiom, *_ok the fix."""
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session, selectinload

from kitchen.tables import Dish


class AsyncDishStore:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def list_bad(self) -> list[Dish]:
        result = await self.session.execute(select(Dish).order_by(Dish.slug))
        return list(result.scalars().all())

    async def list_ok(self, page: int, size: int) -> list[Dish]:
        statement = select(Dish).order_by(Dish.slug).offset(page * size).limit(size)
        result = await self.session.execute(statement)
        return list(result.scalars().all())

    async def by_chef_bad(self, chef: str, size: int) -> list[Dish]:
        statement = select(Dish).where(Dish.chef_name == chef).limit(size)
        return list((await self.session.execute(statement)).scalars())

    async def by_cuisine_ok(self, cuisine: str, size: int) -> list[Dish]:
        statement = select(Dish).where(Dish.cuisine == cuisine).limit(size)
        return list((await self.session.execute(statement)).scalars())

    async def step_counts_bad(self, size: int) -> dict[str, int]:
        dishes = (await self.session.execute(select(Dish).limit(size))).scalars()
        counts = {}
        for dish in dishes:
            counts[dish.slug] = len(dish.steps)
        return counts

    async def step_counts_ok(self, size: int) -> dict[str, int]:
        statement = select(Dish).options(selectinload(Dish.steps)).limit(size)
        dishes = (await self.session.execute(statement)).scalars()
        return {dish.slug: len(dish.steps) for dish in dishes}


class SyncDishStore:
    def __init__(self, session: Session) -> None:
        self.session = session

    def names_bad(self, slugs: list[str]) -> list[str]:
        names = []
        for slug in slugs:
            names.append(self.session.scalars(select(Dish.chef_name).where(Dish.slug == slug)).one())
        return names

    def legacy_all_bad(self) -> list[Dish]:
        return self.session.query(Dish).all()

    def legacy_first_ok(self, slug: str) -> Dish | None:
        return self.session.query(Dish).filter_by(slug=slug).first()

    def legacy_filter_by_bad(self, chef: str) -> Dish | None:
        return self.session.query(Dish).filter_by(chef_name=chef).first()


async def count_in_async_bad(session: Session, size: int) -> int:
    return len(session.execute(select(Dish).limit(size)).all())


async def count_in_async_ok(session: AsyncSession, size: int) -> int:
    return len((await session.execute(select(Dish).limit(size))).all())
