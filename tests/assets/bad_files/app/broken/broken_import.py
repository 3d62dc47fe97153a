from app.domain.user import User
from app.services import

VALUE = 1
