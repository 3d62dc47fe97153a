"""API tests of /api/auth."""

from collections.abc import Callable

from fastapi.testclient import TestClient

REGISTRATION = {"email": "ada@example.com", "password": "analytical", "display_name": "Ada"}


def test_register_returns_the_account_without_secrets(client: TestClient) -> None:
    response = client.post("/api/auth/register", json=REGISTRATION)

    assert response.status_code == 201
    body = response.json()
    assert body["email"] == "ada@example.com"
    assert body["display_name"] == "Ada"
    assert "password" not in body and "password_hash" not in body


def test_register_twice_conflicts(client: TestClient) -> None:
    client.post("/api/auth/register", json=REGISTRATION)

    response = client.post("/api/auth/register", json={**REGISTRATION, "email": "ADA@example.com"})

    assert response.status_code == 409


def test_register_validates_payload(client: TestClient) -> None:
    short_password = client.post("/api/auth/register", json={**REGISTRATION, "password": "x"})
    bad_email = client.post("/api/auth/register", json={**REGISTRATION, "email": "nope"})

    assert short_password.status_code == 422
    assert bad_email.status_code == 422


def test_login_then_me_returns_the_caller(client: TestClient) -> None:
    client.post("/api/auth/register", json=REGISTRATION)
    login = client.post(
        "/api/auth/login", json={"email": "ada@example.com", "password": "analytical"}
    )

    assert login.status_code == 200
    assert login.json()["token_type"] == "bearer"
    me = client.get(
        "/api/auth/me", headers={"Authorization": f"Bearer {login.json()['access_token']}"}
    )
    assert me.status_code == 200
    assert me.json()["email"] == "ada@example.com"


def test_login_with_wrong_password_is_unauthorized(client: TestClient) -> None:
    client.post("/api/auth/register", json=REGISTRATION)

    response = client.post("/api/auth/login", json={"email": "ada@example.com", "password": "no"})

    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == "Bearer"


def test_me_requires_a_valid_token(
    client: TestClient, signup: Callable[[str, str], dict[str, str]]
) -> None:
    signup("ada@example.com", "Ada")

    assert client.get("/api/auth/me").status_code == 401
    garbage = client.get("/api/auth/me", headers={"Authorization": "Bearer abc.def"})
    assert garbage.status_code == 401
