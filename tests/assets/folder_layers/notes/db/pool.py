"""Database connection pool."""

import sqlalchemy


def open_pool(url: str) -> sqlalchemy.Engine:
    return sqlalchemy.create_engine(url)


def close_pool(engine: sqlalchemy.Engine) -> None:
    engine.dispose()
