"""HTTP routes of members."""

from dependency_injector.wiring import Provide, inject
from fastapi import APIRouter, Depends, HTTPException

from src.application.use_cases.get_member import GetMemberUseCase
from src.infrastructure.container import Container

router = APIRouter(prefix="/members", tags=["members"])


@router.get("/{member_id}")
@inject
async def get_member(
    member_id: str,
    use_case: GetMemberUseCase = Depends(Provide[Container.get_member]),
) -> dict[str, str]:
    member = await use_case.execute(member_id)
    if member is None:
        raise HTTPException(status_code=404, detail="member not found")
    return {"id": member.id, "name": member.name, "email": member.email}
