from fastapi import FastAPI

from src.infrastructure.web.routers.bookings import booking_router


def create_app() -> FastAPI:
    app = FastAPI(title="Rooms")
    app.include_router(booking_router)
    return app


app = create_app()
