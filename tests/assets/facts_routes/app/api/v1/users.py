from fastapi import APIRouter, WebSocket, status

router = APIRouter(prefix="/users", tags=["users"])


@router.get("")
async def list_users() -> list[str]:
    return []


@router.get(path="/{user_id}", response_model=str)
async def get_user(user_id: int) -> str:
    return str(user_id)


@router.api_route("/search", methods=["GET", "POST"])
async def search_users(q: str = "") -> list[str]:
    return [q]


@router.api_route("/count")
async def count_users() -> int:
    return 0


@router.delete("/{user_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_user(user_id: int) -> None:
    return None


@router.websocket("/{user_id}/events")
async def user_events(websocket: WebSocket, user_id: int) -> None:
    await websocket.accept()
