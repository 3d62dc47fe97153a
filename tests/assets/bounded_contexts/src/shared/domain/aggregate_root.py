from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from shared.domain.value_objects import EntityId


@dataclass(frozen=True)
class DomainEvent:
    aggregate_id: EntityId
    name: str
    payload: dict[str, Any]
    occurred_at: datetime = field(default_factory=lambda: datetime.now(UTC))


class AggregateRoot:
    def __init__(self, id: EntityId) -> None:
        self.id = id
        self._events: list[DomainEvent] = []

    def record(self, name: str, **payload: Any) -> None:
        self._events.append(DomainEvent(aggregate_id=self.id, name=name, payload=payload))

    def pull_events(self) -> list[DomainEvent]:
        events, self._events = self._events, []
        return events
