from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException
from pydantic import BaseModel, EmailStr

from ...domain.project import ProjectId
from ...services import ProjectNotFoundError, ProjectService
from ..dependencies import get_project_service

router = APIRouter(prefix="/projects", tags=["projects"])

ProjectServiceDep = Annotated[ProjectService, Depends(get_project_service)]


class ProjectIn(BaseModel):
    name: str
    owner_email: EmailStr


class ProjectOut(BaseModel):
    id: int
    name: str
    archived: bool


@router.post("", response_model=ProjectOut, status_code=201)
async def create_project(body: ProjectIn, service: ProjectServiceDep) -> ProjectOut:
    project = await service.create(body.name, body.owner_email)
    return ProjectOut(id=project.id, name=project.name, archived=project.archived)


@router.get("", response_model=list[ProjectOut])
async def list_projects(service: ProjectServiceDep) -> list[ProjectOut]:
    return [ProjectOut(id=p.id, name=p.name, archived=p.archived) for p in await service.list_active()]


@router.get("/{project_id}", response_model=ProjectOut)
async def get_project(project_id: int, service: ProjectServiceDep) -> ProjectOut:
    try:
        project = await service.get(ProjectId(project_id))
    except ProjectNotFoundError as exc:
        raise HTTPException(status_code=404, detail="project not found") from exc
    return ProjectOut(id=project.id, name=project.name, archived=project.archived)
