from fastapi import FastAPI

admin_app = FastAPI(title="admin")


@admin_app.get("/stats")
async def stats() -> dict[str, int]:
    return {"users": 0}
