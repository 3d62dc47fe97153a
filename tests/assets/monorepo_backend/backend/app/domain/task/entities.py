from dataclasses import dataclass
from enum import StrEnum

from ..project.entities import ProjectId


class TaskStatus(StrEnum):
    TODO = "todo"
    DOING = "doing"
    DONE = "done"


class InvalidTransitionError(Exception):
    pass


_ALLOWED = {
    TaskStatus.TODO: {TaskStatus.DOING},
    TaskStatus.DOING: {TaskStatus.TODO, TaskStatus.DONE},
    TaskStatus.DONE: set(),
}


@dataclass
class Task:
    project_id: ProjectId
    title: str
    status: TaskStatus = TaskStatus.TODO
    id: int | None = None

    def move_to(self, status: TaskStatus) -> None:
        if status not in _ALLOWED[self.status]:
            raise InvalidTransitionError(f"{self.status} -> {status}")
        self.status = status
