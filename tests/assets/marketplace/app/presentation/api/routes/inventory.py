from uuid import UUID

from fastapi import APIRouter, Depends

from app.application.services.inventory_service import InventoryService
from app.container import get_inventory_service
from app.infrastructure.db.session import Session
from app.presentation.api.schemas.inventory import InventoryOut

router = APIRouter(prefix="/inventory")


@router.get("/{id}")
def read(id: UUID, service: InventoryService = Depends(get_inventory_service)) -> InventoryOut:
    return InventoryOut(id=service.get(id).id)
