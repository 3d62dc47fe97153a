from fastapi import APIRouter


def controller(router):
    def wrap(cls):
        return cls

    return wrap


router = APIRouter(prefix="/notes")


@controller(router)
class NotesController:
    @router.get("/{note_id}")
    def get_one(self, note_id: int):
        return note_id

    @router.delete("/{note_id}")
    def delete_one(self, note_id: int):
        return None
