from app.application.services.users_service import UsersService
from app.infrastructure.db.repositories.users_repository import SqlUserRepository
from app.application.services.products_service import ProductsService
from app.infrastructure.db.repositories.products_repository import SqlProductRepository
from app.application.services.orders_service import OrdersService
from app.infrastructure.db.repositories.orders_repository import SqlOrderRepository
from app.application.services.payments_service import PaymentsService
from app.infrastructure.db.repositories.payments_repository import SqlPaymentRepository
from app.application.services.carts_service import CartsService
from app.infrastructure.db.repositories.carts_repository import SqlCartRepository
from app.application.services.reviews_service import ReviewsService
from app.infrastructure.db.repositories.reviews_repository import SqlReviewRepository
from app.application.services.shipping_service import ShippingService
from app.infrastructure.db.repositories.shipping_repository import SqlShippingRepository
from app.application.services.inventory_service import InventoryService
from app.infrastructure.db.repositories.inventory_repository import SqlInventoryRepository
from app.infrastructure.adapters.redis_cache import RedisCache


def get_users_service() -> UsersService:
    return UsersService(SqlUserRepository())


def get_products_service() -> ProductsService:
    return ProductsService(SqlProductRepository())


def get_orders_service() -> OrdersService:
    return OrdersService(SqlOrderRepository())


def get_payments_service() -> PaymentsService:
    return PaymentsService(SqlPaymentRepository())


def get_carts_service() -> CartsService:
    return CartsService(SqlCartRepository())


def get_reviews_service() -> ReviewsService:
    return ReviewsService(SqlReviewRepository())


def get_shipping_service() -> ShippingService:
    return ShippingService(SqlShippingRepository())


def get_inventory_service() -> InventoryService:
    return InventoryService(SqlInventoryRepository())


def get_cache() -> RedisCache:
    return RedisCache()
