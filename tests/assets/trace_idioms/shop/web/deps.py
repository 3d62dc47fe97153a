from fastapi import Depends

from shop.core.use_cases import QuotePrice
from shop.infra.catalog_table import TableCatalog


def get_catalog() -> TableCatalog:
    return TableCatalog()


def get_quote(catalog: TableCatalog = Depends(get_catalog)) -> QuotePrice:
    return QuotePrice(catalog)
