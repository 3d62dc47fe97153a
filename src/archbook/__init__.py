"""archbook: a living architecture notebook for hexagonal FastAPI backends."""

__version__ = "0.1.0"
