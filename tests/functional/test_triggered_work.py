"""Work a session hangs on an existing operation ("when a user is created, send a
welcome email"): the one class doing that operation changes, is rewired and has its
tests extended; the resource's other files do not change. A new external system
whose neighbours each keep their own folder and settings module gets its own too, and
the packages that re-export their sub-packages re-export the new one."""

from __future__ import annotations

from pathlib import Path

from fakes.planned_trees import planned, write_tree

from archbook import api
from archbook.application.planning.scoping.triggers import triggered_code, triggers
from archbook.domain.plan import CREATE, MODIFY

PACKAGES = [
    "src",
    "src/domain",
    "src/application",
    "src/api",
    "src/infrastructure",
    "src/infrastructure/db",
    "src/infrastructure/libs/crypto",
    "tests",
    "tests/application",
    "tests/api",
]
TREE = {
    **{f"{package}/__init__.py": "" for package in PACKAGES},
    "src/infrastructure/libs/__init__.py": (
        "from src.infrastructure.libs.crypto import BcryptHasher\n\n__all__ = ['BcryptHasher']\n"
    ),
    "src/infrastructure/libs/crypto/__init__.py": (
        "from src.infrastructure.libs.crypto.hasher import BcryptHasher\n"
    ),
    "src/domain/user.py": (
        "from dataclasses import dataclass\n\n\n@dataclass\nclass User:\n"
        "    email: str\n    password_hash: str\n\n"
        "    @classmethod\n    def create(cls, email: str, password_hash: str) -> 'User':\n"
        "        return cls(email, password_hash)\n"
    ),
    "src/domain/ports.py": (
        "from typing import Protocol\n\nfrom src.domain.user import User\n\n\n"
        "class UserRepository(Protocol):\n    def add(self, user: User) -> None: ...\n\n\n"
        "class PasswordHasher(Protocol):\n    def hash(self, raw: str) -> str: ...\n"
    ),
    "src/application/user_service.py": (
        "from src.domain.ports import PasswordHasher, UserRepository\n"
        "from src.domain.user import User\n\n\n"
        "class UserService:\n"
        "    def __init__(self, users: UserRepository, hasher: PasswordHasher) -> None:\n"
        "        self.users, self.hasher = users, hasher\n\n"
        "    def create(self, email: str, password: str) -> User:\n"
        "        user = User.create(email, self.hasher.hash(password))\n"
        "        self.users.add(user)\n        return user\n\n"
        "    def delete(self, email: str) -> None:\n        pass\n"
    ),
    "src/infrastructure/db/users.py": (
        "from src.domain.user import User\n\n\nclass SqlUserRepository:\n"
        "    def add(self, user: User) -> None:\n        pass\n\n"
        "    def create_user(self, user: User) -> None:\n        pass\n"
    ),
    "src/infrastructure/db/config.py": (
        "from pydantic_settings import BaseSettings\n\n\n"
        "class DbSettings(BaseSettings):\n    db_url: str = 'sqlite://'\n"
    ),
    "src/infrastructure/libs/crypto/hasher.py": (
        "from src.domain.ports import PasswordHasher\n\n\nclass BcryptHasher(PasswordHasher):\n"
        "    def hash(self, raw: str) -> str:\n        return raw\n"
    ),
    "src/infrastructure/libs/crypto/config.py": (
        "from pydantic_settings import BaseSettings\n\n\n"
        "class CryptoSettings(BaseSettings):\n    pepper: str = ''\n"
    ),
    "src/api/users.py": (
        "from fastapi import APIRouter, Depends\n\n"
        "from src.application.user_service import UserService\n"
        "from src.api.dependencies import get_user_service\n\n"
        "router = APIRouter(prefix='/users')\n\n\n"
        "@router.post('')\n"
        "def create_user(email: str, service: UserService = Depends(get_user_service)):\n"
        "    return service.create(email, 'x')\n"
    ),
    "src/api/dependencies.py": (
        "from src.application.user_service import UserService\n"
        "from src.infrastructure.db.users import SqlUserRepository\n"
        "from src.infrastructure.libs import BcryptHasher\n\n\n"
        "def get_user_service() -> UserService:\n"
        "    return UserService(SqlUserRepository(), BcryptHasher())\n"
    ),
    "src/main.py": (
        "from fastapi import FastAPI\n\nfrom src.api.users import router\n\n"
        "app = FastAPI()\napp.include_router(router)\n"
    ),
    "tests/application/test_user_service.py": (
        "from src.application.user_service import UserService\n\n\n"
        "def test_create() -> None:\n    assert UserService\n"
    ),
    "tests/api/test_users.py": (
        "from src.api.users import router\n\n\ndef test_router() -> None:\n    assert router\n"
    ),
}

WELCOME = """# Welcome email

## Goal
- When a user is created, send a welcome email.

## Requirements
- A new `WelcomeMailer` port sends it through SMTP; the SMTP settings come from
  `MAIL_HOST` and `MAIL_PASSWORD`.
- A User whose email cannot be sent is still created; the failure is logged.
"""


def test_the_operation_the_feature_hangs_on_changes_and_not_its_resource(
    tmp_path: Path,
) -> None:
    write_tree(tmp_path, TREE)
    session = planned(tmp_path, WELCOME, "welcome_email")
    changes = {c.path: c for c in session.plan.changes}
    service = changes["src/application/user_service.py"]
    assert service.action == MODIFY
    assert "UserService.create" in service.purpose
    assert "When a user is created" in service.purpose
    # the user is when the work happens, not what changes: its other files stay
    for path in ("src/domain/user.py", "src/infrastructure/db/users.py", "src/api/users.py"):
        assert path not in changes, path
    # the service takes the new port: rewired, and its own tests (mirrored below src/)
    assert any("`UserService` the dependency it now takes" in w for w in session.plan.di_wiring)
    assert changes["tests/application/test_user_service.py"].action == MODIFY
    scope = session.scope_result
    assert scope is not None
    assert any("does what the feature hangs on" in scope.reasons[p] for p in scope.touched)


def test_a_new_system_gets_its_own_folder_and_settings_like_its_neighbours(
    tmp_path: Path,
) -> None:
    """``libs/crypto/`` holds one system's adapter and settings, and ``libs/__init__``
    re-exports it: SMTP gets ``libs/smtp/`` with its own ``config.py``, re-exported
    the same way; no other system's settings class takes ``MAIL_HOST``."""
    write_tree(tmp_path, TREE)
    changes = {c.path: c.action for c in planned(tmp_path, WELCOME, "welcome_email").plan.changes}
    assert changes["src/infrastructure/libs/smtp/smtp_welcome_mailer.py"] == CREATE
    assert changes["src/infrastructure/libs/smtp/config.py"] == CREATE
    assert changes["src/infrastructure/libs/__init__.py"] == MODIFY
    assert "src/infrastructure/libs/crypto/config.py" not in changes
    assert "src/infrastructure/db/config.py" not in changes
    # the tests' packages are no public API: nothing re-exports a test module
    assert "tests/__init__.py" not in changes


def test_a_moment_with_no_one_place_doing_it_changes_no_service(tmp_path: Path) -> None:
    """Two unrelated classes both creating users: the plan does not guess between them."""
    tree = dict(TREE)
    tree["src/application/admin_service.py"] = (
        "class AdminService:\n    def create_user(self, email: str) -> None:\n        pass\n"
    )
    tree["src/application/invite_service.py"] = (
        "class InviteService:\n    def create_user(self, email: str) -> None:\n        pass\n"
    )
    tree["src/application/user_service.py"] = tree["src/application/user_service.py"].replace(
        "def create(", "def create_user("
    )
    write_tree(tmp_path, tree)
    changes = {c.path for c in planned(tmp_path, WELCOME, "welcome_email").plan.changes}
    assert (
        not {
            "src/application/user_service.py",
            "src/application/admin_service.py",
            "src/application/invite_service.py",
        }
        & changes
    )


def test_entities_on_a_base_class_of_their_own_are_entities(tmp_path: Path) -> None:
    """``class Profile(AggregateRoot[ProfileId])`` with ``AggregateRoot(Entity)``: the
    domain's own bases (the bases themselves are no entities)."""
    write_tree(
        tmp_path,
        {
            "shared/__init__.py": "",
            "shared/domain/__init__.py": "",
            "shared/domain/entity.py": "class Entity:\n    def __init__(self, id_):\n"
            "        self.id_ = id_\n",
            "shared/domain/aggregate_root.py": "from shared.domain.entity import Entity\n\n\n"
            "class AggregateRoot(Entity):\n    pass\n",
            "shared/domain/value_object.py": "class ValueObject:\n    pass\n",
            "core/__init__.py": "",
            "core/domain/__init__.py": "",
            "core/domain/profile.py": (
                "from shared.domain.aggregate_root import AggregateRoot\n"
                "from shared.domain.value_object import ValueObject\n\n\n"
                "class ProfileId(ValueObject):\n    pass\n\n\n"
                "class Profile(AggregateRoot[ProfileId]):\n"
                "    def rename(self, name: str) -> None:\n        self.name = name\n"
            ),
        },
    )
    kinds = {m.qualname: m.kind for m in api.knowledge(str(tmp_path), cache=False).facts.models}
    assert kinds["core.domain.profile:Profile"] == "entity"
    assert kinds["core.domain.profile:ProfileId"] == "value_object"
    assert "shared.domain.aggregate_root:AggregateRoot" not in kinds
    assert "shared.domain.entity:Entity" not in kinds


INVOICE_TREE = {
    **{f"app/{p}/__init__.py": "" for p in ("domain", "domain/entities", "ports", "routers")},
    "app/__init__.py": "",
    **{
        f"app/domain/entities/{r}.py": "from dataclasses import dataclass\n\n\n"
        f"@dataclass\nclass {c}:\n    id: int\n"
        for r, c in (("invoice", "Invoice"), ("club", "Club"))
    },
    **{
        f"app/ports/{r}_repository.py": f"from typing import Protocol\n\n\nclass {c}Repository"
        "(Protocol):\n    def get(self, id: int): ...\n"
        for r, c in (("invoice", "Invoice"), ("club", "Club"))
    },
    **{
        f"app/routers/{r}s.py": "from fastapi import APIRouter\n\nrouter = APIRouter()\n\n\n"
        f"@router.get('/{r}s')\ndef list_{r}s():\n    return []\n"
        for r in ("invoice", "club")
    },
}
ROUNDING = """# Invoice rounding

## Goal
- Invoices round their totals to cents, as the club's accountant asks: every invoice
  of a club uses the rounding its club chose, and a club without one rounds half up.
"""


def test_a_resource_named_in_passing_keeps_its_slice(tmp_path: Path) -> None:
    """The feature is about invoices (its title says so); the club is named as
    context, so the club's entity, port and router do not change."""
    write_tree(tmp_path, INVOICE_TREE)
    session = planned(tmp_path, ROUNDING, "invoice_rounding")
    scope = session.scope_result
    assert scope is not None and {"invoice", "club"} <= set(scope.resources)
    assert scope.about() == ("invoice",)
    changes = {c.path for c in session.plan.changes}
    assert {"app/domain/entities/invoice.py", "app/routers/invoices.py"} <= changes
    assert not {p for p in changes if "club" in p}
    # a workshop that says the club matters too gets its slice
    session.correct_scope(subjects=["invoice", "club"])
    session.draft()
    assert session.plan is not None
    assert "app/domain/entities/club.py" in {c.path for c in session.plan.changes}


HANDLERS_DO_THE_WORK = {
    "app/__init__.py": "",
    "app/api/__init__.py": "",
    "app/api/items.py": (
        "from fastapi import APIRouter\n\nrouter = APIRouter(prefix='/api/v1/items')\n\n\n"
        "@router.post('')\ndef create_item(title: str) -> dict:\n    return {}\n\n\n"
        "@router.delete('/{item_id}')\ndef delete_item(item_id: int) -> None:\n    pass\n\n\n"
        "@router.delete('/{item_id}/tags/{tag}')\n"
        "def untag_item(item_id: int, tag: str) -> None:\n    pass\n\n\n"
        "@router.post('/{item_id}/archive')\ndef archive_item(item_id: int) -> None:\n"
        "    pass\n"
    ),
    "app/main.py": (
        "from fastapi import FastAPI\n\nfrom app.api.items import router\n\n"
        "app = FastAPI()\napp.include_router(router)\n"
    ),
}


def test_where_handlers_do_the_work_the_handler_doing_the_operation_changes(
    tmp_path: Path,
) -> None:
    """No service anywhere: "when an item is deleted" is ``DELETE /items/{id}``'s
    handler, not the one removing a tag of an item; "when an item is created" the
    collection's ``POST``, not an action on one item."""
    write_tree(tmp_path, HANDLERS_DO_THE_WORK)
    known = api.knowledge(str(tmp_path), cache=False)
    deleted, created = triggers("When an item is deleted or when an item is created.")
    assert triggered_code(known, deleted) == [("app/api/items.py", "delete_item")]
    assert triggered_code(known, created) == [("app/api/items.py", "create_item")]


EVENTS = {
    "src/__init__.py": "",
    "src/seedwork/__init__.py": "",
    "src/seedwork/events.py": "class DomainEvent:\n    pass\n",
    **{
        f"src/{context}/{part}/__init__.py": ""
        for context in ("catalog", "bidding")
        for part in ("", "domain", "application", "application/event", "application/command")
    },
    "src/catalog/domain/events.py": (
        "from src.seedwork.events import DomainEvent\n\n\n"
        "class ListingDraftCreatedEvent(DomainEvent):\n    listing_id: int\n\n\n"
        "class ListingPublishedEvent(DomainEvent):\n    listing_id: int\n"
    ),
    "src/catalog/application/command/publish_listing_draft.py": (
        "class PublishListingDraft:\n    def execute(self, listing_id: int) -> None:\n"
        "        pass\n"
    ),
    "src/catalog/application/event/log_published_listing.py": (
        "from src.catalog.domain.events import ListingPublishedEvent\n\n\n"
        "def log_published_listing(event: ListingPublishedEvent) -> None:\n    pass\n"
    ),
    "src/bidding/application/event/start_auction.py": (
        "from src.catalog.domain.events import ListingPublishedEvent\n\n\n"
        "def start_auction(event: ListingPublishedEvent) -> None:\n    pass\n"
    ),
    "src/bootstrap.py": (
        "from src.bidding.application.event.start_auction import start_auction\n"
        "from src.catalog.application.event.log_published_listing import "
        "log_published_listing\n"
        "from src.catalog.domain.events import ListingPublishedEvent\n\n"
        "HANDLERS = {ListingPublishedEvent: [log_published_listing, start_auction]}\n"
    ),
}


def test_where_work_hangs_on_domain_events_a_new_handler_does_it(tmp_path: Path) -> None:
    """ "When a listing is published": the repository handles ``ListingPublishedEvent``
    in handler modules, so the feature is one more handler beside those of the
    event's own context; the command publishing listings does not change."""
    write_tree(tmp_path, EVENTS)
    session = "# Watchers\n\n## Goal\n- When a listing is published, email its watchers.\n"
    planning = planned(tmp_path, session, "email_watchers")
    changes = {c.path: c for c in planning.plan.changes}
    handler = changes["src/catalog/application/event/email_watchers.py"]
    assert handler.action == CREATE
    assert "ListingPublishedEvent" in " ".join((handler.purpose, *handler.details))
    assert "src/catalog/application/command/publish_listing_draft.py" not in changes
    assert "src/bidding/application/event/email_watchers.py" not in changes
    # the module registering the event's handlers registers the new one too
    assert changes["src/bootstrap.py"].action == MODIFY
    assert "ListingPublishedEvent" in changes["src/bootstrap.py"].purpose
