from functools import lru_cache
from typing import Annotated

import asyncpg
from fastapi import Depends

from src.billing.adapters.memory_invoice_repository import InMemoryInvoiceRepository
from src.billing.adapters.stripe_gateway import StripePaymentGateway
from src.billing.services.billing_service import BillingService
from src.settings import settings
from src.shared.db import get_connection
from src.users.adapters.postgres_user_repository import PostgresUserRepository


@lru_cache
def _invoice_repository() -> InMemoryInvoiceRepository:
    return InMemoryInvoiceRepository()


def get_billing_service(connection: Annotated[asyncpg.Connection, Depends(get_connection)]) -> BillingService:
    return BillingService(
        invoices=_invoice_repository(),
        gateway=StripePaymentGateway(api_key=settings.stripe_api_key),
        users=PostgresUserRepository(connection),
    )


BillingServiceDep = Annotated[BillingService, Depends(get_billing_service)]
