"""API tests of /api/threads/{thread_id}/messages."""

from collections.abc import Callable

from fastapi.testclient import TestClient

from src.tests.conftest import FakeClock

Signup = Callable[[str, str], dict[str, str]]


def start_thread(client: TestClient, headers: dict[str, str]) -> str:
    """Create a thread through the API and return its id."""
    response = client.post(
        "/api/threads", json={"title": "Hello", "body": "World"}, headers=headers
    )
    assert response.status_code == 201
    return response.json()["id"]


def test_post_message_updates_the_thread(client: TestClient, signup: Signup) -> None:
    ada, bob = signup("ada@example.com", "Ada"), signup("bob@example.com", "Bob")
    thread_id = start_thread(client, ada)

    response = client.post(
        f"/api/threads/{thread_id}/messages", json={"body": "Hi Ada"}, headers=bob
    )

    assert response.status_code == 201
    assert response.json()["author_name"] == "Bob"
    assert client.get(f"/api/threads/{thread_id}").json()["message_count"] == 1


def test_post_message_requires_authentication(client: TestClient, signup: Signup) -> None:
    thread_id = start_thread(client, signup("ada@example.com", "Ada"))

    response = client.post(f"/api/threads/{thread_id}/messages", json={"body": "anonymous"})

    assert response.status_code == 401


def test_list_messages_is_paginated_oldest_first(
    client: TestClient, signup: Signup, clock: FakeClock
) -> None:
    ada = signup("ada@example.com", "Ada")
    thread_id = start_thread(client, ada)
    for number in range(3):
        clock.advance(seconds=10)
        client.post(
            f"/api/threads/{thread_id}/messages", json={"body": f"reply {number}"}, headers=ada
        ).raise_for_status()

    page = client.get(f"/api/threads/{thread_id}/messages", params={"page": 2, "size": 2})

    assert page.status_code == 200
    assert [item["body"] for item in page.json()["items"]] == ["reply 2"]
    assert (page.json()["page"], page.json()["size"]) == (2, 2)


def test_posting_to_a_closed_thread_conflicts(client: TestClient, signup: Signup) -> None:
    ada = signup("ada@example.com", "Ada")
    thread_id = start_thread(client, ada)
    client.post(f"/api/threads/{thread_id}/close", headers=ada).raise_for_status()

    response = client.post(f"/api/threads/{thread_id}/messages", json={"body": "late"}, headers=ada)

    assert response.status_code == 409


def test_messages_of_unknown_thread_are_not_found(client: TestClient, signup: Signup) -> None:
    ada = signup("ada@example.com", "Ada")

    assert client.get("/api/threads/missing/messages").status_code == 404
    posted = client.post("/api/threads/missing/messages", json={"body": "hello"}, headers=ada)
    assert posted.status_code == 404
