import pytest

from app.main import app


@pytest.fixture
def application():
    return app
