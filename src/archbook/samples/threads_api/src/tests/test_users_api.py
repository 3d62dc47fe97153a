"""API tests of /api/users."""

from collections.abc import Callable

from fastapi.testclient import TestClient


def test_public_profile_hides_the_email(
    client: TestClient, signup: Callable[[str, str], dict[str, str]]
) -> None:
    headers = signup("ada@example.com", "Ada")
    user_id = client.get("/api/auth/me", headers=headers).json()["id"]

    response = client.get(f"/api/users/{user_id}")

    assert response.status_code == 200
    assert response.json()["display_name"] == "Ada"
    assert "email" not in response.json()


def test_unknown_user_is_not_found(client: TestClient) -> None:
    assert client.get("/api/users/missing").status_code == 404


def test_update_my_profile_renames_the_caller(
    client: TestClient, signup: Callable[[str, str], dict[str, str]]
) -> None:
    headers = signup("ada@example.com", "Ada")

    response = client.patch("/api/users/me", json={"display_name": "Countess"}, headers=headers)

    assert response.status_code == 200
    assert client.get("/api/auth/me", headers=headers).json()["display_name"] == "Countess"


def test_update_my_profile_requires_authentication(client: TestClient) -> None:
    assert client.patch("/api/users/me", json={"display_name": "X"}).status_code == 401
