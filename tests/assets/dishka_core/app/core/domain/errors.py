class DomainError(Exception):
    pass


class TaskNotFound(DomainError):
    def __init__(self, task_id: int) -> None:
        super().__init__(f"task {task_id} not found")
        self.task_id = task_id


class TaskAlreadyCompleted(DomainError):
    pass
