from fastapi import APIRouter

router = APIRouter()


@router.get("/{item_id}")
async def get_item(item_id: int) -> dict[str, int]:
    return {"id": item_id}


@router.put("/{item_id}", tags=["write"])
async def put_item(item_id: int) -> dict[str, int]:
    return {"id": item_id}
