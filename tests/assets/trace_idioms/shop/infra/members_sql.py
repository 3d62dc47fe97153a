from sqlalchemy.orm import Session

from shop.members.ports import MemberStore


class SqlMemberStore(MemberStore):
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, name: str) -> None:
        self.session.execute("insert into members values (:n)", {"n": name})

    def remove(self, name: str) -> None:
        self.session.execute("delete from members where name = :n", {"n": name})

    def count(self) -> int:
        return self.session.execute("select count(*) from members").scalar()
