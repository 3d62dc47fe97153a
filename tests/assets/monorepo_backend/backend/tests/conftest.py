import pytest
from fastapi.testclient import TestClient

from app.api.dependencies import get_project_service
from app.main import app
from app.services.project_service import ProjectService
from tests.test_project_service import InMemoryProjectRepository


@pytest.fixture
def client() -> TestClient:
    service = ProjectService(projects=InMemoryProjectRepository())
    app.dependency_overrides[get_project_service] = lambda: service
    yield TestClient(app)
    app.dependency_overrides.clear()
