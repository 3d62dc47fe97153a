from sqlalchemy.orm import Session


class CashBook:
    def __init__(self, session: Session) -> None:
        self.session = session

    def write(self, amount: int) -> None:
        self.session.execute("insert into cash values (:a)", {"a": amount})

    def balance(self) -> int:
        return self.session.execute("select sum(a) from cash").scalar()
