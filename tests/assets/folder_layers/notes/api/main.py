"""Every router of the API mounted on one router."""

from fastapi import APIRouter

from notes.api.routes import items

api_router = APIRouter()
api_router.include_router(items.router)
