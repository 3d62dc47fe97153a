from app.domain.user import User
from app.services import billing
from app.broken import syntax_error, broken_import
