from fastapi import FastAPI

from app.routes.items import router

app = FastAPI(title="perf fixture")
app.include_router(router)
