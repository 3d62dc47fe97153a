from pydantic_settings import BaseSettings


class Config(BaseSettings):
    env: str = "local"
    debug: bool = True
    writer_db_url: str = "mysql+aiomysql://app:app@localhost:3306/slices"
    reader_db_url: str = "mysql+aiomysql://app:app@localhost:3306/slices"


config = Config()
