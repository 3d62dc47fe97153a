from fastapi import FastAPI

from shop.web.routes import router

app = FastAPI()
app.include_router(router, prefix="/shop")
