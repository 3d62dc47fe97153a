from functools import cached_property

from sqlalchemy.orm import Session

from shop.infra.members_sql import SqlMemberStore


class Stores:
    """One store per aggregate, built on first use from a shared session."""

    def __init__(self, session: Session) -> None:
        self.session = session

    @cached_property
    def members(self) -> SqlMemberStore:
        return SqlMemberStore(self.session)
