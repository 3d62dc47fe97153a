from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class Dish(Base):
    __tablename__ = "dishes"
    __table_args__ = (Index("ix_dishes_cuisine", "cuisine"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String, unique=True)
    cuisine: Mapped[str] = mapped_column(String)
    chef_name: Mapped[str] = mapped_column(String)
    steps = relationship("Step", back_populates="dish")


class Step(Base):
    __tablename__ = "steps"

    id: Mapped[int] = mapped_column(primary_key=True)
    dish_id: Mapped[int] = mapped_column(ForeignKey("dishes.id"), index=True)
    dish = relationship("Dish", back_populates="steps")
