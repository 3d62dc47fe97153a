from dataclasses import dataclass


@dataclass(frozen=True)
class CreateAccountCommand:
    email: str
    display_name: str
