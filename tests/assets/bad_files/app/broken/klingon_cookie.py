# -*- coding: klingon -*-
from app.domain.user import User
