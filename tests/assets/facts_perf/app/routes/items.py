from fastapi import APIRouter, Depends

from app.adapters.blocking_price_feed import BlockingPriceFeed
from app.adapters.mongo_item_repository import MongoItemRepository
from app.services.item_service import ItemService

router = APIRouter(prefix="/items")


def item_service() -> ItemService:
    return ItemService(items=MongoItemRepository(None), prices=BlockingPriceFeed("http://prices"))


@router.get("")
async def search_items(owner_id: str, tag: str | None = None, service: ItemService = Depends(item_service)) -> list[dict]:
    return await service.search_with_prices(owner_id, tag)


@router.get("/recent")
async def recent_items(owner_id: str, service: ItemService = Depends(item_service)) -> list[dict]:
    return await service.recent_with_prices(owner_id)


@router.get("/{item_id}")
async def get_item(item_id: str, service: ItemService = Depends(item_service)) -> dict | None:
    return await service.item(item_id)
