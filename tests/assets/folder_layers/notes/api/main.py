"""Every router of the API mounted on one router."""

from fastapi import APIRouter

from notes.api.routes import entries, items

api_router = APIRouter()
api_router.include_router(items.router)
api_router.include_router(entries.router)
