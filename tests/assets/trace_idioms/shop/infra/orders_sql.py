from sqlalchemy.orm import Session


def count_orders(session: Session) -> int:
    return session.execute("select count(*) from orders").scalar()
