"""Use cases on notes."""


def create_note(text: str) -> dict[str, str]:
    return {"text": text.strip()}
