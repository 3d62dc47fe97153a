import httpx


class SmsNotifier:
    def __init__(self, url: str) -> None:
        self._client = httpx.AsyncClient(base_url=url)

    async def send(self, to: str, text: str) -> None:
        await self._client.post("/messages", json={"to": to, "text": text})
