from abc import ABC, abstractmethod
from uuid import UUID

from app.domain.entities.review import Review


class ReviewRepository(ABC):
    @abstractmethod
    def get(self, id: UUID) -> Review: ...
