"""HTTP endpoints on catalogue entries."""

from fastapi import APIRouter

from notes.catalog.application.add_entry import add_entry
from notes.catalog.infrastructure.memory import MemoryEntries

router = APIRouter(prefix="/entries")


@router.post("/{slug}")
def post_entry(slug: str) -> dict[str, str]:
    return {"slug": add_entry(MemoryEntries(), slug).slug}
