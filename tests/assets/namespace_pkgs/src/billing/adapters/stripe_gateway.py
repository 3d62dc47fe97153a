import httpx

from src.billing.domain.money import Money
from src.billing.ports.payment_gateway import PaymentGateway


class StripePaymentGateway(PaymentGateway):
    def __init__(self, api_key: str, client: httpx.AsyncClient | None = None) -> None:
        self._client = client or httpx.AsyncClient(base_url="https://api.stripe.com/v1", auth=(api_key, ""))

    async def charge(self, customer_ref: str, amount: Money, idempotency_key: str) -> str:
        response = await self._client.post(
            "/payment_intents",
            data={"amount": amount.to_minor_units(), "currency": amount.currency.lower(), "receipt_email": customer_ref},
            headers={"Idempotency-Key": idempotency_key},
        )
        response.raise_for_status()
        return response.json()["id"]
