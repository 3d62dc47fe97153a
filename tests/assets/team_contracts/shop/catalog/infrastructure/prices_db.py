from shop.catalog.services.pricing import price

CACHE = {"a": price("a")}
