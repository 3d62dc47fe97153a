import os

from dependency_injector import containers, providers

from src.application.services.payment_service import PaymentService
from src.application.services.refund_service import RefundPolicy, RefundService
from src.infrastructure.adapters.stripe_gateway import StripeGateway, StripeWebhookVerifier
from src.infrastructure.db.session import get_unit_of_work


class Container(containers.DeclarativeContainer):
    wiring_config = containers.WiringConfiguration(packages=["src.presentation.api.routes"])

    uow = providers.Factory(get_unit_of_work)
    gateway = providers.Singleton(StripeGateway, api_key=os.getenv("STRIPE_API_KEY", "sk_test"))
    webhook_verifier = providers.Singleton(StripeWebhookVerifier, secret=os.getenv("STRIPE_WEBHOOK_SECRET", "whsec"))
    refund_policy = providers.Object(RefundPolicy())

    payment_service = providers.Factory(PaymentService, uow=uow, gateway=gateway, refund_policy=refund_policy)
    refund_service = providers.Factory(RefundService, uow=uow, gateway=gateway, policy=refund_policy)
