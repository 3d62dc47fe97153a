def tidy(name: str) -> str:
    return name.strip().lower()
