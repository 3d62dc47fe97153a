import os
from dataclasses import dataclass, field


@dataclass(frozen=True)
class AppConfig:
    database_url: str = field(
        default_factory=lambda: os.getenv("DATABASE_URL", "postgresql+psycopg://todo:todo@localhost/todo")
    )
    echo_sql: bool = field(default_factory=lambda: os.getenv("ECHO_SQL", "0") == "1")
