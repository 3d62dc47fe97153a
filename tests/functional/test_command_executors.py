"""Routes that hand a command to an injected executor (``await run(PayCommand(...))``)
whose handler is a plain ``…Handler`` taking that command, Protocol ports of one
common method name, dataclass handlers filled by a container, exceptions beside the
services, and routers included from a list comprehension: the trace, the facts and
the routes of each."""

from __future__ import annotations

import pytest
from fakes.planned_trees import write_tree

from archbook import api
from archbook.domain.trace import TraceNode

Step = tuple[int, str, str]

TREE = {
    "pay/__init__.py": "",
    "pay/domain/__init__.py": "",
    # one method each, the same name: their shape says little
    "pay/domain/ports.py": (
        "from typing import Protocol\n\n\n"
        "class PaymentLog(Protocol):\n    async def add(self, item: object) -> None: ...\n\n\n"
        "class RefundLog(Protocol):\n    async def add(self, item: object) -> None: ...\n"
    ),
    "pay/domain/use_cases/__init__.py": "",
    "pay/domain/use_cases/pay_cmd.py": (
        "from dataclasses import dataclass\n\nfrom pay.domain.ports import PaymentLog\n\n\n"
        "@dataclass(frozen=True)\nclass PayCommand:\n    amount: int\n\n\n"
        "class PayHandler:\n"
        "    def __init__(self, log: PaymentLog) -> None:\n        self.log = log\n\n"
        "    async def handle(self, command: PayCommand) -> int:\n"
        "        await self.log.add(command)\n        return command.amount\n"
    ),
    "pay/application/__init__.py": "",
    # a dataclass handler whose fields a container fills, and an error beside it
    "pay/application/refunds.py": (
        "from dataclasses import dataclass\n\nfrom pay.domain.ports import RefundLog\n\n\n"
        "class RefundRefusedError(Exception):\n"
        "    def describe(self) -> str:\n        return 'refused'\n\n\n"
        "@dataclass(frozen=True)\nclass RefundHandler:\n    log: RefundLog\n\n"
        "    async def handle(self, amount: int) -> None:\n        await self.log.add(amount)\n"
    ),
    "pay/infra/__init__.py": "",
    "pay/infra/logs.py": (
        "from pay.domain.ports import PaymentLog, RefundLog\n\n\n"
        "class SqlPaymentLog(PaymentLog):\n"
        "    async def add(self, item: object) -> None:\n        return None\n\n\n"
        "class SqlRefundLog(RefundLog):\n"
        "    async def add(self, item: object) -> None:\n        return None\n\n\n"
        "class AuditTrail:\n"
        "    async def add(self, item: object) -> None:\n        return None\n"
    ),
    "pay/web/__init__.py": "",
    "pay/web/executors.py": (
        "from pay.domain.use_cases.pay_cmd import PayCommand, PayHandler\n"
        "from pay.infra.logs import SqlPaymentLog\n\n\n"
        "def get_pay_executor():\n"
        "    async def execute(command: PayCommand) -> int:\n"
        "        return await PayHandler(SqlPaymentLog()).handle(command)\n\n"
        "    return execute\n"
    ),
    "pay/web/payments.py": (
        "from typing import Annotated\n\nfrom fastapi import APIRouter, Depends\n\n"
        "from pay.domain.use_cases.pay_cmd import PayCommand\n"
        "from pay.web.executors import get_pay_executor\n\n"
        'router = APIRouter(prefix="/payments")\n\n\n'
        '@router.post("")\nasync def pay(\n'
        "    amount: int, run: Annotated[object, Depends(get_pay_executor)]\n) -> int:\n"
        "    return await run(PayCommand(amount=amount))\n"
    ),
    "pay/web/health.py": (
        'from fastapi import APIRouter\n\nrouter = APIRouter(prefix="/health")\n\n\n'
        '@router.get("")\nasync def health() -> str:\n    return "ok"\n'
    ),
    "pay/web/routes.py": (
        "from fastapi import APIRouter\n\nfrom pay.web.health import router as health\n"
        "from pay.web.payments import router as payments\n\n"
        "routers = APIRouter()\n"
        "[routers.include_router(router) for router in [health, payments]]\n"
    ),
    "pay/main.py": (
        "from fastapi import FastAPI\n\nfrom pay.web.routes import routers\n\n"
        'API = "/api/v1"\napp = FastAPI()\napp.include_router(routers, prefix=API)\n'
    ),
}


def flat(node: TraceNode, depth: int = 0) -> list[Step]:
    rows = [(depth, node.step.kind, node.step.name)]
    for child in node.children:
        rows.extend(flat(child, depth + 1))
    return rows


@pytest.fixture(scope="module")
def known(tmp_path_factory: pytest.TempPathFactory) -> api.RepoKnowledge:
    root = tmp_path_factory.mktemp("pay")
    write_tree(root, TREE)
    return api.knowledge(str(root), cache=False)


def test_routers_included_from_a_comprehension_keep_the_prefixes_above(
    known: api.RepoKnowledge,
) -> None:
    assert sorted(r.key for r in known.facts.routes) == [
        "GET /api/v1/health",
        "POST /api/v1/payments",
    ]


def test_a_command_handed_to_an_injected_executor_reaches_its_handler(
    known: api.RepoKnowledge,
) -> None:
    rows = [row for child in api.trace(known, "POST /api/v1/payments").root.children
            for row in flat(child)]  # fmt: skip
    assert rows == [
        (0, "handler", "pay.web.payments:pay"),
        (1, "service", "pay.domain.use_cases.pay_cmd:PayHandler.handle"),
        (2, "port", "pay.domain.ports:PaymentLog.add"),
        # the class subclassing the port, not every class with an ``add``
        (3, "adapter", "pay.infra.logs:SqlPaymentLog.add"),
    ]


def test_classes_of_a_common_shape_implement_only_the_ports_they_are_named_after(
    known: api.RepoKnowledge,
) -> None:
    implements = {a.qualname.rpartition(":")[2]: a.implements for a in known.facts.adapters}
    assert implements["SqlPaymentLog"] == ("pay.domain.ports:PaymentLog",)
    assert implements["SqlRefundLog"] == ("pay.domain.ports:RefundLog",)
    assert "AuditTrail" not in implements


def test_a_dataclass_handler_is_a_service_and_an_error_is_none(
    known: api.RepoKnowledge,
) -> None:
    services = {s.qualname.rpartition(":")[2]: s for s in known.facts.services}
    assert "RefundRefusedError" not in services
    assert services["RefundHandler"].dependencies == (("log", "pay.domain.ports:RefundLog"),)
