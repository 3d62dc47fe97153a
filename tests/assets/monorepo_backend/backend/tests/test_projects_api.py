from fastapi.testclient import TestClient


def test_create_then_list(client: TestClient) -> None:
    created = client.post("/api/projects", json={"name": "Docs", "owner_email": "a@b.co"})
    assert created.status_code == 201
    listing = client.get("/api/projects")
    assert [p["name"] for p in listing.json()] == ["Docs"]


def test_unknown_project_is_404(client: TestClient) -> None:
    assert client.get("/api/projects/999").status_code == 404
