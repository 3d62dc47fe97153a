from shop.adapters.persistence.sql_orders import SqlOrders

SEED = SqlOrders
