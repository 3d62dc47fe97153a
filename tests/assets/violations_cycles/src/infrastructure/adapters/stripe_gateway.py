import hashlib
import hmac

import httpx

from src.application.ports.payment_gateway import PaymentGateway
from src.domain.money import Money


class StripeCardError(Exception):
    pass


class StripeWebhookVerifier:
    def __init__(self, secret: str) -> None:
        self._secret = secret.encode()

    def verify(self, payload: bytes, signature: str) -> bool:
        expected = hmac.new(self._secret, payload, hashlib.sha256).hexdigest()
        return hmac.compare_digest(expected, signature)


class StripeGateway(PaymentGateway):
    def __init__(self, api_key: str) -> None:
        self._client = httpx.AsyncClient(base_url="https://api.stripe.com/v1", auth=(api_key, ""))

    async def charge(self, request) -> str:  # noqa: ANN001 - ChargeRequest
        response = await self._client.post(
            "/charges",
            data={"amount": request.amount_cents, "currency": request.currency, "source": request.card_token},
        )
        if response.status_code == 402:
            raise StripeCardError(response.json()["error"]["message"])
        response.raise_for_status()
        return response.json()["id"]

    async def refund(self, provider_ref: str, amount: Money) -> None:
        response = await self._client.post("/refunds", data={"charge": provider_ref, "amount": amount.cents})
        response.raise_for_status()
