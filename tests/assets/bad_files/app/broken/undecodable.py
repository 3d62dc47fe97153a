from app.domain.user import User

NAME = "café"  # latin-1 bytes, no coding cookie
