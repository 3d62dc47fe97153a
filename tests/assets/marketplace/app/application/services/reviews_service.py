from uuid import UUID

from app.application.ports.reviews_repository import ReviewRepository
from app.domain.entities.review import Review
from app.domain.errors import NotFound


class ReviewsService:
    def __init__(self, repository: ReviewRepository) -> None:
        self.repository = repository

    def get(self, id: UUID) -> Review:
        found = self.repository.get(id)
        if found is None:
            raise NotFound(str(id))
        return found
