from contextlib import asynccontextmanager

from fastapi import FastAPI

from account.infrastructure.http.router import router as account_router
from shared.infrastructure.http.error_handlers import register_error_handlers
from shared.infrastructure.persistence.database import create_schema


@asynccontextmanager
async def lifespan(_: FastAPI):
    await create_schema()
    yield


app = FastAPI(title="Accounts", lifespan=lifespan)
app.include_router(account_router)
register_error_handlers(app)
