from uuid import UUID

from fastapi import APIRouter, Depends

from app.application.services.reviews_service import ReviewsService
from app.container import get_reviews_service
from app.presentation.api.schemas.reviews import ReviewOut

router = APIRouter(prefix="/reviews")


@router.get("/{id}")
def read(id: UUID, service: ReviewsService = Depends(get_reviews_service)) -> ReviewOut:
    return ReviewOut(id=service.get(id).id)
