"""The context-session reader on the styles sessions are really written in: deep and
numbered headings, rules, tables, code blocks, task lists, emoji bullets, bold
labels, prose, and another language. Every session here is written for the test."""

from __future__ import annotations

from archbook.application.planning.context_session import ContextSession, parse_context
from archbook.application.planning.offline.scope_sketches import handler_name
from archbook.application.planning.session_text import env_vars, in_scope, named_paths


def read(text: str, feature: str = "room_season") -> ContextSession:
    return parse_context(feature, f".claude/sessions/context_session_{feature}.md", text)


AGENT_STYLE = """# Context Session: Room seasons

## Session ID: room_season
## Status: Planning

---

## 1. User Request

El equipo quiere guardar la temporada de cada reserva:
- **Reservas pasadas**: para corregir datos antiguos
- **Reservas futuras**: para planificar

---

## 2. Current System Analysis

### 2.1 Backend - Booking Entity

**Location:** `/backend/src/domain/entities/booking.py`

**Current Fields:**
- `id`, `room_id`, `day`

⚠️ No `season` field exists.

#### 2.1.1 Query

```python
bookings = await repository.find_all()
```

| Field | Type |
|-------|------|
| season | int |

## 3. Tasks
- [x] Read the entity
- [ ] Add `season` to `BookingResponseDTO` in `src/infrastructure/web/dto/booking_dto.py`
1. Update `/backend/src/infrastructure/web/routers/bookings.py:12-30`
✅ Keep the API compatible
"""

OPENSPEC_STYLE = """## Why

Guests book the same room twice; `CreateBookingUseCase` never checks the day.

## What Changes

- Add `find_by_room_and_day(room_id, day)` to the booking repository interface.
- `POST /api/bookings` answers `409` when the room is taken.
- New setting `BOOKING_LOCK_SECONDS` (default 30).
"""

PROSE_ONLY = """Bookings should carry a season. The entity in
src/domain/entities/booking.py gets the field and the DTO shows it.
"""


def test_every_heading_level_and_numbered_section_opens_a_section() -> None:
    parsed = read(AGENT_STYLE)
    assert parsed.title == "Room seasons"
    for name in ("user request", "current system analysis", "backend - booking entity"):
        assert name in parsed.sections
    assert "query" in parsed.sections  # a fourth-level heading
    assert "tasks" in parsed.sections


def test_lists_tables_code_bold_labels_and_task_lists_are_all_kept() -> None:
    parsed = read(AGENT_STYLE)
    entity = parsed.sections["backend - booking entity"]
    assert any(item.startswith("**Location:**") for item in entity)
    assert any("`id`, `room_id`, `day`" in item for item in entity)
    assert any("No `season` field exists" in item for item in entity)
    query = parsed.sections["query"]
    assert "bookings = await repository.find_all()" in query[0]  # the code block, whole
    assert "season | int" in query  # a table row, cells joined
    tasks = parsed.sections["tasks"]
    assert tasks[0] == "Read the entity"  # "- [x]" dropped, text kept
    assert tasks[1].startswith("Add `season`")
    assert tasks[2].startswith("Update `/backend/src")  # a numbered item
    assert tasks[3] == "Keep the API compatible"  # an emoji bullet


def test_canonical_sections_are_found_under_their_other_names() -> None:
    agent = read(AGENT_STYLE)
    assert agent.section("goal")[0].startswith("El equipo quiere")  # "User Request"
    openspec = read(OPENSPEC_STYLE)
    assert openspec.section("goal")[0].startswith("Guests book")  # "Why"
    assert len(openspec.section("requirements")) == 3  # "What Changes"


def test_every_path_is_named_whatever_its_prefix_or_line_suffix() -> None:
    assert read(AGENT_STYLE).named_paths == [
        "/backend/src/domain/entities/booking.py",
        "src/infrastructure/web/dto/booking_dto.py",
        "/backend/src/infrastructure/web/routers/bookings.py",
    ]
    assert read(PROSE_ONLY).named_paths == ["src/domain/entities/booking.py"]
    assert named_paths("Scan a `handlers/` package") == ["handlers/"]
    # routes, URLs and slash-separated words in prose are not files
    assert named_paths("see https://example.com/a/b and GET /api/bookings/{id}") == []
    # media types, acronym pairs and words of other scripts joined by slashes neither
    assert named_paths("通过 MCP/REST 返回 application/json；创建/列出/删除 记录") == []
    assert named_paths("CI/CD runs `app/services/` and src/app/x.py") == [
        "app/services/",
        "src/app/x.py",
    ]
    # a Markdown link from a document three folders down, with a line anchor
    linked = "The [parser](../../../app/services/parser.py#L73-L74) and [x](./app/x.py)."
    assert named_paths(linked) == ["app/services/parser.py", "app/x.py"]
    text = "- `/tiktok/session` (POST), `/items/{id}` [DELETE]"
    assert ContextSession("f", "", text, "f").routes == [
        ("POST", "/tiktok/session"),
        ("DELETE", "/items/{id}"),
    ]


def test_identifiers_settings_and_routes_carry_the_meaning_in_any_language() -> None:
    openspec = read(OPENSPEC_STYLE)
    assert "CreateBookingUseCase" in openspec.code_names
    assert "find_by_room_and_day" in openspec.code_names
    assert openspec.env_vars == ["BOOKING_LOCK_SECONDS"]
    assert openspec.routes == [("POST", "/api/bookings")]


def test_the_language_is_told_apart() -> None:
    assert read(OPENSPEC_STYLE).language == "en"
    spanish = (
        "## Por qué\n\nLa reserva de una sala no tiene temporada y el equipo la necesita "
        "para los informes del año.\n"
    )
    assert read(spanish).language == "other"
    chinese = "## 变更内容\n\n- 新增一个“发布（publish）实体：将 `table_id` 发布为只读 URL。\n"
    assert read(chinese).language == "other"


def test_unsectioned_prose_is_the_goal() -> None:
    parsed = read(PROSE_ONLY)
    assert parsed.section("goal")[0].startswith("Bookings should carry a season.")


def test_handler_names_come_from_the_operation_never_from_a_path_template() -> None:
    assert handler_name("POST", "/api/posts/{post_id}_comments") == "create_posts_comments"
    assert handler_name("GET", "/api/v1/health/ready") == "get_health_ready"
    assert handler_name("DELETE", "/{id}").isidentifier()


LEAVES_OUT = """# Phase 4 — Billing

Add invoices and `POST /invoices`.

## Scope

### In scope

- the `Invoice` entity and its repository;

### Out of scope

- Kafka events — Phase 6;
```python
# an example kept inside the section
publish(event)
```
- refunds (`POST /refunds`).

### Endpoints

| Method | Path | Behaviour |
| --- | --- | --- |
| `GET` | `/invoices/{invoice_id}` | One invoice |

Reuse without re-implementing:

| Method | Path | Role |
| --- | --- | --- |
| `GET` | `/customers` | Customer selector |

Requirements emphasise reusing the layered architecture:
- Schemas stay under `app/schemas/`.

This phase deliberately excludes:

- Stripe webhooks;
- the `REFUNDS_QUEUE` setting.

**Não inclui:**
- Implementação de permissões

Done when invoices are listed.
"""


def test_what_a_session_leaves_out_is_out_of_its_text_and_sections_but_kept_as_written() -> None:
    """Out-of-scope sections (to the next heading of their level, code blocks and all),
    and the lists and tables a line says are excluded or reused as they are, in any
    language; a line that only mentions reuse keeps its list."""
    session = read(LEAVES_OUT, "billing")
    for gone in ("Kafka", "publish(event)", "/refunds", "/customers", "Stripe", "permissões"):
        assert gone not in session.text and gone in session.written
        assert not any(gone in item for items in session.sections.values() for item in items)
    for kept in ("Invoice", "/invoices/{invoice_id}", "app/schemas/", "Done when"):
        assert kept in session.text
    assert "endpoints" in session.sections and "out of scope" not in session.sections
    assert session.routes == [("POST", "/invoices"), ("GET", "/invoices/{invoice_id}")]
    assert session.env_vars == []
    assert in_scope("No exclusions here:\n- a\n") == "No exclusions here:\n- a\n"


def test_a_feature_about_excluding_or_deferring_keeps_its_own_sections() -> None:
    """Only a heading or label that names what is left out leaves it out: a title, a
    section about the feature's own excluding or deferring, or a sentence that ends
    with a colon stays; a labelled item drops alone."""
    own = (
        "# Deferred jobs\n\n## Deferred execution\n\n- run later\n\n"
        "## Excluding archived items\n\n- hide them\n\n"
        "Sending is deferred to a worker:\n- queue\n"
    )
    assert in_scope(own) == own
    assert in_scope("- Deferred to phase 6: Kafka\n- kept\n") == "- kept\n"
    assert in_scope("## 5. Out of scope (phase 2)\n\n- x\n\n## Next\n- y\n") == "## Next\n- y\n"


def test_document_names_and_error_codes_are_no_settings() -> None:
    text = (
        "Read [PHASE_2A_INSIGHTS.md](PHASE_2A_INSIGHTS.md). Set `DATABASE_URL`. A bad key "
        "returns `403 ADMIN_ACCESS_DENIED`, a missing one 401 AUTH_REQUIRED; `SMTP_HOST` too."
    )
    assert env_vars(text) == ["DATABASE_URL", "SMTP_HOST"]
