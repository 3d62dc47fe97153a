from shop.catalog.models.product import ProductRow

__all__ = ["ProductRow"]
