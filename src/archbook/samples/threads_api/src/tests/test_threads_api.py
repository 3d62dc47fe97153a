"""API tests of /api/threads."""

from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient

from src.tests.conftest import FakeClock

Signup = Callable[[str, str], dict[str, str]]


def create_thread(client: TestClient, headers: dict[str, str], title: str, tags: list[str]) -> str:
    """Create a thread through the API and return its id."""
    payload = {"title": title, "body": f"About {title}", "tags": tags}
    response = client.post("/api/threads", json=payload, headers=headers)
    assert response.status_code == 201
    return response.json()["id"]


def test_create_thread_requires_authentication(client: TestClient) -> None:
    response = client.post("/api/threads", json={"title": "Hello", "body": "World"})

    assert response.status_code == 401


def test_create_and_get_thread(client: TestClient, signup: Signup) -> None:
    headers = signup("ada@example.com", "Ada")
    thread_id = create_thread(client, headers, "Engines", ["Math"])

    response = client.get(f"/api/threads/{thread_id}")

    assert response.status_code == 200
    body = response.json()
    assert (body["title"], body["author_name"], body["tags"]) == ("Engines", "Ada", ["math"])
    assert body["status"] == "open" and body["message_count"] == 0


def test_get_unknown_thread_is_not_found(client: TestClient) -> None:
    assert client.get("/api/threads/missing").status_code == 404


def test_list_threads_filters_by_tag_author_status_and_text(
    client: TestClient, signup: Signup
) -> None:
    ada, bob = signup("ada@example.com", "Ada"), signup("bob@example.com", "Bob")
    create_thread(client, ada, "Difference engine", ["math"])
    create_thread(client, bob, "Analytical engine", ["math", "history"])
    closed_id = create_thread(client, bob, "Looms", ["history"])
    client.post(f"/api/threads/{closed_id}/close", headers=bob).raise_for_status()
    bob_id = client.get("/api/auth/me", headers=bob).json()["id"]

    def titles(**params: str) -> list[str]:
        response = client.get("/api/threads", params=params)
        assert response.status_code == 200
        return sorted(item["title"] for item in response.json()["items"])

    assert titles(tag="math") == ["Analytical engine", "Difference engine"]
    assert titles(author_id=bob_id, status="open") == ["Analytical engine"]
    assert titles(status="closed") == ["Looms"]
    assert titles(q="difference") == ["Difference engine"]


def test_list_threads_sorts_and_paginates(
    client: TestClient, signup: Signup, clock: FakeClock
) -> None:
    headers = signup("ada@example.com", "Ada")
    for title in ("one", "two", "three"):
        create_thread(client, headers, title, [])
        clock.advance(minutes=5)

    first = client.get("/api/threads", params={"size": 2}).json()
    oldest = client.get("/api/threads", params={"sort": "oldest_activity", "size": 1}).json()

    assert [item["title"] for item in first["items"]] == ["three", "two"]
    assert (first["total"], first["page"], first["size"]) == (3, 1, 2)
    assert "body" not in first["items"][0]
    assert [item["title"] for item in oldest["items"]] == ["one"]


@pytest.mark.parametrize(
    "params", [{"sort": "popularity"}, {"size": 101}, {"page": 0}, {"status": "archived"}]
)
def test_list_threads_rejects_invalid_query(
    client: TestClient, params: dict[str, str | int]
) -> None:
    assert client.get("/api/threads", params=params).status_code == 422


def test_only_the_author_can_close_a_thread(client: TestClient, signup: Signup) -> None:
    ada, bob = signup("ada@example.com", "Ada"), signup("bob@example.com", "Bob")
    thread_id = create_thread(client, ada, "Mine", [])

    assert client.post(f"/api/threads/{thread_id}/close", headers=bob).status_code == 403
    closed = client.post(f"/api/threads/{thread_id}/close", headers=ada)
    assert closed.status_code == 200 and closed.json()["status"] == "closed"
    assert client.post(f"/api/threads/{thread_id}/close", headers=ada).status_code == 409
