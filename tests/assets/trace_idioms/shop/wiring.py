from dataclasses import dataclass

from shop.infra.members_memory import MemoryMemberStore
from shop.members.use_cases import MemberUseCases


class UseCaseFactories:
    """One factory object per feature, reached as ctx.factories.<feature>."""

    @property
    def members(self) -> MemberUseCases:
        return MemberUseCases(MemoryMemberStore())


@dataclass
class RequestContext:
    factories: UseCaseFactories


def get_context() -> RequestContext:
    return RequestContext(UseCaseFactories())
