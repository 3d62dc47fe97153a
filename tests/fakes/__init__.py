"""In-memory adapters implementing archbook's ports, for tests."""
