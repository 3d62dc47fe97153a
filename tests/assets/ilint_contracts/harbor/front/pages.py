from sqlalchemy import text

from harbor.logic import rules
from harbor.vault import keys


def page() -> str:
    return str(text(rules.RULE + keys.KEY))
