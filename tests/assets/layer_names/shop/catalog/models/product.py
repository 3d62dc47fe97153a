from sqlalchemy import Column, String
from sqlalchemy.orm import declarative_base

Base = declarative_base()


class ProductRow(Base):
    __tablename__ = "products"
    sku = Column(String, primary_key=True)
