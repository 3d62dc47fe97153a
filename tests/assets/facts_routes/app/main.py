from fastapi import Depends, FastAPI, WebSocket

from app.admin import admin_app
from app.api import api_router
from app.api.v1 import items
from app.security import require_token

app = FastAPI(title="routes fixture")
app.include_router(api_router, prefix="/api", tags=["api"])
app.include_router(items.router, prefix="/legacy", dependencies=[Depends(require_token)])
app.mount("/admin", admin_app)


@app.get("/")
async def root() -> dict[str, str]:
    return {"status": "ok"}


@app.websocket("/ws/echo")
async def echo(websocket: WebSocket) -> None:
    await websocket.accept()
    await websocket.send_text(await websocket.receive_text())
