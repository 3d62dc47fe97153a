from dishka.integrations.fastapi import DishkaRoute, FromDishka
from fastapi import APIRouter, status

from app.core.commands.complete_task import CompleteTask, CompleteTaskHandler
from app.core.commands.create_task import CreateTask, CreateTaskHandler
from app.core.queries.get_task import GetTaskQuery
from app.core.queries.list_tasks import ListTasksQuery
from app.inbound.http.schemas import TaskIn, TaskOut

router = APIRouter(prefix="/tasks", tags=["tasks"], route_class=DishkaRoute)


@router.post("", status_code=status.HTTP_201_CREATED)
async def create_task(body: TaskIn, handler: FromDishka[CreateTaskHandler]) -> TaskOut:
    return TaskOut.of(await handler(CreateTask(title=body.title)))


@router.post("/{task_id}/complete")
async def complete_task(task_id: int, handler: FromDishka[CompleteTaskHandler]) -> TaskOut:
    return TaskOut.of(await handler(CompleteTask(task_id=task_id)))


@router.get("/{task_id}")
async def get_task(task_id: int, query: FromDishka[GetTaskQuery]) -> TaskOut:
    return TaskOut.of(await query(task_id))


@router.get("")
async def list_tasks(query: FromDishka[ListTasksQuery], only_open: bool = False) -> list[TaskOut]:
    return [TaskOut.of(task) for task in await query(only_open=only_open)]
