from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from harbor.vault import keys


def describe(key: "keys.Key") -> str:
    return str(key)
