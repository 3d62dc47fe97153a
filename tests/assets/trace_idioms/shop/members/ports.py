from abc import ABC, abstractmethod


class MemberStore(ABC):
    @abstractmethod
    def add(self, name: str) -> None: ...

    @abstractmethod
    def remove(self, name: str) -> None: ...

    @abstractmethod
    def count(self) -> int: ...
