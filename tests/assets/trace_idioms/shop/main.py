from fastapi import FastAPI

from shop.container import ShopContainer
from shop.web.members import router as members_router
from shop.web.routes import router

app = FastAPI()
app.include_router(router, prefix="/shop")
app.include_router(members_router, prefix="/shop/members")
container = ShopContainer()
app.state.container = container
