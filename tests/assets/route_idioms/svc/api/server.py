from typing import Any

from fastapi import APIRouter


class SlashRouter(APIRouter):
    def add_api_route(self, path: str, *args: Any, **kwargs: Any) -> None:
        super().add_api_route(path, *args, **kwargs)
        other = path[:-1] if path.endswith("/") else path + "/"
        super().add_api_route(other, *args, **kwargs)


class Server:
    def __init__(self) -> None:
        self.router = SlashRouter(prefix="/v2")
        self.router.add_api_route("/ping", self.ping, methods=["GET"])
        self.router.add_api_route("/items", self.add_item, methods=["POST"])

    def ping(self) -> str:
        return "pong"

    def add_item(self) -> None:
        return None
