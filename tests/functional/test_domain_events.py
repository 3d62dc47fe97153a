"""A new domain event a session names joins the events of the bounded context it is
about: in that context's events folder, in a module of its topic where each topic has
one, never as a port with an adapter of its own."""

from __future__ import annotations

from pathlib import Path

from fakes.planned_trees import planned_changes

from archbook.domain.plan import CREATE, MODIFY

CONTEXTS = {
    "src/__init__.py": "",
    "src/events/__init__.py": "",
    "src/events/event_bus.py": (
        "class Event:\n    name = 'event'\n\n\n"
        "class EventBus:\n    def publish(self, event: Event) -> None:\n        return None\n"
    ),
    # a context whose events share an abstract base (a port)
    "src/contexts/__init__.py": "",
    "src/contexts/crew/__init__.py": "",
    "src/contexts/crew/domain/__init__.py": "",
    "src/contexts/crew/domain/events/__init__.py": "",
    "src/contexts/crew/domain/events/crew_events.py": (
        "from abc import ABC, abstractmethod\n\n\n"
        "class CrewEvent(ABC):\n    @abstractmethod\n    def describe(self) -> str: ...\n\n\n"
        "class CrewHiredEvent(CrewEvent):\n    def describe(self) -> str:\n        return 'hired'\n"
    ),
    # the context the feature is about: one events module per topic
    "src/contexts/shop/__init__.py": "",
    "src/contexts/shop/domain/__init__.py": "",
    "src/contexts/shop/domain/entities/__init__.py": "",
    "src/contexts/shop/domain/entities/order.py": (
        "from dataclasses import dataclass\n\n\n@dataclass\nclass Order:\n    id: str\n"
    ),
    # an entity named after an event is no event module
    "src/contexts/shop/domain/entities/history_event.py": (
        "from dataclasses import dataclass\n\n\n@dataclass\nclass HistoryEvent:\n    text: str\n"
    ),
    "src/contexts/shop/domain/events/__init__.py": "",
    "src/contexts/shop/domain/events/payment_events.py": (
        "from src.events.event_bus import Event\n\n\n"
        "class PaymentTakenEvent(Event):\n    name = 'payment_taken'\n"
    ),
    "src/contexts/shop/domain/events/stock_events.py": (
        "from src.events.event_bus import Event\n\n\n"
        "class StockLoweredEvent(Event):\n    name = 'stock_lowered'\n"
    ),
    # routers named after the resources whose events modules are named so too
    "src/api/__init__.py": "",
    "src/api/routers/__init__.py": "",
    **{
        f"src/api/routers/{name}.py": (
            "from fastapi import APIRouter\n\nrouter = APIRouter()\n\n\n"
            f'@router.get("/api/{name}s")\ndef list_{name}s() -> list:\n    return []\n'
        )
        for name in ("payment", "stock")
    },
    "src/api/main.py": (
        "from fastapi import FastAPI\n\n"
        "from src.api.routers.payment import router as payment_router\n"
        "from src.api.routers.stock import router as stock_router\n\n"
        "app = FastAPI()\n"
        "app.include_router(payment_router)\n"
        "app.include_router(stock_router)\n"
    ),
}

SESSION = """# Order shipping notices

## What Changes

- **Order entity**: gains the date it shipped.
- **ParcelShippedEvent**: Domain event emitted when an `Order` leaves the warehouse.
- **API endpoint**: `POST /api/orders/{id}/ship` marks the order shipped.
"""


def test_a_new_event_joins_its_contexts_events_in_a_module_of_its_topic(
    tmp_path: Path,
) -> None:
    changes = planned_changes(tmp_path, CONTEXTS, SESSION, "order-shipping-notices")
    created = changes["src/contexts/shop/domain/events/parcel_events.py"]
    assert created.action == CREATE
    assert "ParcelShippedEvent" in created.purpose
    assert changes["src/contexts/shop/domain/entities/order.py"].action == MODIFY
    # no port, no adapter, no other context's events, no second events module
    assert not [p for p in changes if "default" in p or "/crew/" in p], sorted(changes)
    events = [p for p in changes if p.endswith("_events.py")]
    assert events == ["src/contexts/shop/domain/events/parcel_events.py"], sorted(changes)
    assert "src/contexts/shop/domain/entities/history_event.py" not in changes
