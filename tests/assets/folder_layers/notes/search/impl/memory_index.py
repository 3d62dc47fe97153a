"""A search index kept in memory: one implementation of the index interface."""


class MemoryIndex:
    def __init__(self) -> None:
        self.words: dict[str, set[str]] = {}

    def add(self, note_id: str, text: str) -> None:
        for word in text.split():
            self.words.setdefault(word, set()).add(note_id)
