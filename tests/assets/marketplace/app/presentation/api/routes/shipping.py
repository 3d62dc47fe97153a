from uuid import UUID

from fastapi import APIRouter, Depends

from app.application.services.shipping_service import ShippingService
from app.container import get_shipping_service
from app.infrastructure.db.repositories.shipping_repository import SqlShippingRepository
from app.presentation.api.schemas.shipping import ShippingOut

router = APIRouter(prefix="/shipping")


@router.get("/{id}")
def read(id: UUID, service: ShippingService = Depends(get_shipping_service)) -> ShippingOut:
    return ShippingOut(id=service.get(id).id)
