from shop.members.ports import MemberStore


class MemoryMemberStore(MemberStore):
    def __init__(self) -> None:
        self.names: set[str] = set()

    def add(self, name: str) -> None:
        self.names.add(name)

    def remove(self, name: str) -> None:
        self.names.discard(name)

    def count(self) -> int:
        return len(self.names)
