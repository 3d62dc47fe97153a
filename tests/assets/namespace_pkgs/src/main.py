from contextlib import asynccontextmanager

from fastapi import FastAPI

import src.shared.db as db
from src.billing.routes.invoices import router as invoices_router
from src.settings import settings
from src.users.routes.users import router as users_router


@asynccontextmanager
async def lifespan(_: FastAPI):
    await db.init_pool(settings.database_url)
    try:
        yield
    finally:
        await db.close_pool()


app = FastAPI(title="namespace billing", lifespan=lifespan)
app.include_router(users_router)
app.include_router(invoices_router)
