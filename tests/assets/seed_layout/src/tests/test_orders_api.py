from uuid import uuid4

import pytest
from fastapi.testclient import TestClient

from src.main import create_app


@pytest.fixture
def client() -> TestClient:
    return TestClient(create_app())


def test_unknown_order_returns_404(client: TestClient) -> None:
    response = client.get(f"/api/orders/{uuid4()}")
    assert response.status_code == 404


def test_order_for_unknown_user_is_rejected(client: TestClient) -> None:
    payload = {"user_id": str(uuid4()), "lines": [{"sku": "A-1", "quantity": 1, "unit_price_cents": 500}]}
    response = client.post("/api/orders", json=payload)
    assert response.status_code == 422
