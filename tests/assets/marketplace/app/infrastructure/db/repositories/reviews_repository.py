from uuid import UUID

from app.application.ports.reviews_repository import ReviewRepository
from app.domain.entities.review import Review
from app.infrastructure.db.base import Base
from app.infrastructure.db.session import Session


class SqlReviewRepository(ReviewRepository, Base):
    session = Session

    def get(self, id: UUID) -> Review:
        return Review(id=id)
