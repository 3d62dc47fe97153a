from harbor.data import rows


def count() -> int:
    return len(rows.ROWS)
