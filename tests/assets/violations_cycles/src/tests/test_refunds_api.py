from uuid import uuid4

from fastapi.testclient import TestClient

from src.main import create_app


def test_refund_unknown_payment_conflicts() -> None:
    client = TestClient(create_app())
    response = client.post("/refunds", json={"payment_id": str(uuid4()), "amount_cents": 100})
    assert response.status_code == 409
