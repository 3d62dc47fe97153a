from dataclasses import dataclass
from typing import NewType

ProjectId = NewType("ProjectId", int)


class ProjectArchivedError(Exception):
    pass


@dataclass
class Project:
    name: str
    owner_email: str
    id: ProjectId | None = None
    archived: bool = False

    def archive(self) -> None:
        self.archived = True

    def ensure_active(self) -> None:
        if self.archived:
            raise ProjectArchivedError(self.name)
