from shop.infra.stores import Stores


class Roster:
    """Reads members through a store-factory object: self.stores.members is a store."""

    def __init__(self, stores: Stores) -> None:
        self.stores = stores

    def size(self) -> int:
        return self.stores.members.count()
