from dependency_injector import containers, providers

from shop.infra.members_sql import SqlMemberStore
from shop.members.use_cases import Enrol


class ShopContainer(containers.DeclarativeContainer):
    member_store = providers.Factory(SqlMemberStore)
    enrolment = providers.Factory(Enrol, store=member_store)
