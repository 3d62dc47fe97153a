class Settings:
    api_prefix: str = "/api"
    debug_tools: bool = False


def get_settings() -> Settings:
    return Settings()


settings = get_settings()
