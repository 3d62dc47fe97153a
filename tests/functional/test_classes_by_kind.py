"""Classes a requirements document lists under a heading naming their kind ("Value
Objects", "Commands", "Queries"), in a repository that keeps one class per module in
a folder of that name: each new one gets its module there (and its handler where
each of its kind has one); names already there, table headers and a title ending in a
kind's name plan nothing."""

from __future__ import annotations

from pathlib import Path

from fakes.planned_trees import planned_changes

from archbook.domain.plan import CREATE

S = "src/shop"
PACKAGES = ("", "domain", "domain/value_objects", "application", "application/commands",
            "application/handlers", "application/queries")  # fmt: skip


def _command(name: str, camel: str) -> dict[str, str]:
    return {
        f"{S}/application/commands/{name}.py": (
            f"from dataclasses import dataclass\n\n\n@dataclass\nclass {camel}Command:\n"
            "    cart_id: str\n"
        ),
        f"{S}/application/handlers/{name}_handler.py": (
            f"from src.shop.application.commands.{name} import {camel}Command\n\n\n"
            f"class {camel}Handler:\n    async def handle(self, command: {camel}Command) -> None:\n"
            "        return None\n"
        ),
    }


TREE = {
    "src/__init__.py": "",
    **{f"{S}/{p}/__init__.py".replace("//", "/"): "" for p in PACKAGES},
    f"{S}/domain/value_objects/price.py": "class Price:\n    amount: int\n",
    f"{S}/domain/value_objects/sku.py": "class Sku:\n    code: str\n",
    **_command("add_item", "AddItem"),
    **_command("remove_item", "RemoveItem"),
    f"{S}/application/queries/get_cart.py": "class GetCartQuery:\n    cart_id: str\n",
}

PRD = """# Cart coupons for shop queries

## Overview

Shoppers apply a coupon to their cart and see its total.

## Value Objects

#### Price
- Amount in cents

#### Discount
- A percentage between 1 and 90

## Commands

| Command | Actor | Description |
|---------|-------|-------------|
| AddItem | Shopper | Existing |
| ApplyCoupon | Shopper | Apply a coupon code |

## Queries

- GetCartTotal: the total after discounts
- All queries read the cart's latest version
- **Receipt**: the cart's receipt
"""


def test_listed_classes_get_a_module_each_in_their_kind_s_folder(tmp_path: Path) -> None:
    changes = planned_changes(tmp_path, TREE, PRD, "cart-coupons")
    created = {path for path, change in changes.items() if change.action == CREATE}
    assert {
        f"{S}/domain/value_objects/discount.py",
        f"{S}/application/commands/apply_coupon.py",
        f"{S}/application/handlers/apply_coupon_handler.py",
        f"{S}/application/queries/get_cart_total.py",
        f"{S}/application/queries/receipt.py",  # a word of its own, in bold
    } <= created, sorted(created)
    assert f"{S}/application/queries/all.py" not in changes  # a plain item's first word
    assert f"{S}/application/commands/command.py" not in changes  # a table's header
    assert f"{S}/application/queries/overview.py" not in changes  # under the title
    assert not any(path.endswith(("/price.py", "/add_item.py")) for path in created)
