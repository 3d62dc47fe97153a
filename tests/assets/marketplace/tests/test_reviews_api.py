from app.container import get_reviews_service
from app.infrastructure.db.repositories.reviews_repository import SqlReviewRepository
from app.presentation.api.routes.reviews import router


def test_router_prefix() -> None:
    assert router.prefix == "/reviews"
    assert get_reviews_service and SqlReviewRepository
