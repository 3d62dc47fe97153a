"""API test of /api/health."""

from fastapi.testclient import TestClient


def test_health_reports_status_and_storage(client: TestClient) -> None:
    response = client.get("/api/health")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "storage": "memory"}
