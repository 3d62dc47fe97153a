from shop.members.ports import MemberStore


class Enrol:
    def __init__(self, store: MemberStore) -> None:
        self.store = store

    def run(self, name: str) -> None:
        self.store.add(name)


class Leave:
    def __init__(self, store: MemberStore) -> None:
        self.store = store

    def run(self, name: str) -> None:
        self.store.remove(name)


class MemberUseCases:
    """Hands out the member use cases, all sharing one store."""

    def __init__(self, store: MemberStore) -> None:
        self.store = store

    def make_leave(self) -> Leave:
        return Leave(self.store)
