from fastapi import APIRouter, Depends

from app.api.v1 import items, users
from app.security import audit

v1_router = APIRouter(tags=["v1"])
v1_router.include_router(users.router, dependencies=[Depends(audit)])
v1_router.include_router(items.router, prefix="/items", tags=["items"])
