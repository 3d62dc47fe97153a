from .entities import Project, ProjectId

__all__ = ["Project", "ProjectId"]
