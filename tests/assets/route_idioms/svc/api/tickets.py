from fastapi import APIRouter


def _make_router() -> APIRouter:
    router = APIRouter(prefix="/tickets")

    @router.get("")
    def list_tickets():
        return []

    @router.post("")
    def list_tickets():  # noqa: F811 - same name, another method
        return {}

    return router


router = _make_router()
