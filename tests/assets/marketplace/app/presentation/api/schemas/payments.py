from dataclasses import dataclass
from uuid import UUID


@dataclass
class PaymentOut:
    id: UUID
