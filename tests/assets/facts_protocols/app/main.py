from fastapi import FastAPI

from app.routes.orders import router

app = FastAPI(title="protocols fixture")
app.include_router(router, prefix="/orders")
