import subprocess
import time
import urllib.request
from time import sleep

import requests

from app.ports.price_feed import PriceFeed


class BlockingPriceFeed(PriceFeed):
    def __init__(self, url: str) -> None:
        self._url = url

    async def price(self, sku: str) -> float:
        time.sleep(0.1)
        return float(requests.get(f"{self._url}/{sku}", timeout=5).text)

    async def from_import_bad(self) -> None:
        sleep(1)

    async def subprocess_bad(self) -> str:
        return subprocess.run(["date"], capture_output=True, text=True).stdout

    async def urlopen_bad(self) -> bytes:
        return urllib.request.urlopen(self._url).read()

    def sync_ok(self) -> None:
        time.sleep(0.5)
        requests.post(self._url, timeout=5)
