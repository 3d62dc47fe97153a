from fastapi import FastAPI

from app.presentation.api.routes.users import router as users_router
from app.presentation.api.routes.products import router as products_router
from app.presentation.api.routes.orders import router as orders_router
from app.presentation.api.routes.payments import router as payments_router
from app.presentation.api.routes.carts import router as carts_router
from app.presentation.api.routes.reviews import router as reviews_router
from app.presentation.api.routes.shipping import router as shipping_router
from app.presentation.api.routes.inventory import router as inventory_router

app = FastAPI()
app.include_router(users_router)
app.include_router(products_router)
app.include_router(orders_router)
app.include_router(payments_router)
app.include_router(carts_router)
app.include_router(reviews_router)
app.include_router(shipping_router)
app.include_router(inventory_router)
