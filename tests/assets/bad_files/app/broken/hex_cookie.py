# -*- coding: hex -*-
from app.domain.user import User
