KEY = "k"


class Key(str):
    """A key of the vault."""
