from .entities import Task, TaskStatus

__all__ = ["Task", "TaskStatus"]
