from sqlalchemy import Column, Integer, String
from sqlalchemy.orm import declarative_base

Base = declarative_base()


class OrderRow(Base):
    __tablename__ = "orders"
    number = Column(String, primary_key=True, index=True)
    total = Column(Integer)
