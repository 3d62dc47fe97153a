"""The DI provider of the shop: a composition module inside infrastructure/."""
from dependency_injector import containers, providers

from shop.adapters.persistence.sql_orders import SqlOrders
from shop.application.use_cases.place_order import PlaceOrder


class Container(containers.DeclarativeContainer):
    orders = providers.Singleton(SqlOrders)
    place_order = providers.Factory(PlaceOrder, orders=orders)
