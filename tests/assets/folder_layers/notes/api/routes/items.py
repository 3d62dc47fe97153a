"""HTTP endpoints on notes."""

from fastapi import APIRouter

from notes.services.notes_service import create_note

router = APIRouter(prefix="/notes")


@router.post("/")
def post_note(text: str) -> dict[str, str]:
    return create_note(text)
