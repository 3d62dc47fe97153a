from fastapi import APIRouter, Depends, Request
from sqlalchemy.orm import Session

from shop.infra.cash_book import CashBook
from shop.infra.members_memory import MemoryMemberStore
from shop.infra.stores import Stores
from shop.members.roster import Roster
from shop.members.till import Till
from shop.members.use_cases import Leave
from shop.web.text import tidy
from shop.wiring import RequestContext, get_context

router = APIRouter()


def get_till(session: Session = Depends()) -> Till:
    return Till(CashBook(session))


@router.post("/{name}")
def enrol(name: str, request: Request) -> None:
    request.app.state.container.enrolment().run(tidy(name))


@router.delete("/{name}")
def leave(name: str, ctx: RequestContext = Depends(get_context)) -> None:
    use_case = ctx.factories.members.make_leave()
    use_case.run(name)


@router.get("/size")
def size(session: Session = Depends()) -> int:
    roster = Roster(Stores(session))
    return roster.size()


@router.post("/fees/{amount}")
def pay_fee(amount: int, till: Till = Depends(get_till)) -> None:
    till.take(amount)


class DeskController:
    def __init__(self) -> None:
        self.leave = Leave(MemoryMemberStore())

    @router.delete("/desk/{name}")
    def leave_at_desk(self, name: str) -> None:
        self.leave.run(name)
