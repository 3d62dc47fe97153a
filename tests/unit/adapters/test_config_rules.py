"""Layer rules read from a target's own configuration files, and their precedence."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from archbook import api
from archbook.adapters.rules.config_rules import ConfigFileRulesSource
from archbook.domain.layers import DEFAULT_ORDER, LayerRules, classify
from archbook.exceptions import ConfigError

DEFAULT_SOURCE = LayerRules().source


def write(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return root


def rules_of(root: Path) -> LayerRules:
    return ConfigFileRulesSource().rules_for(str(root))


def layer(module: str, rules: LayerRules) -> str:
    return classify(module, rules).layer


# ------------------------------------------------------------ no configuration


def test_no_configuration_gives_the_default_rules(tmp_path: Path) -> None:
    write(tmp_path, {"pyproject.toml": '[project]\nname = "x"\n', "app/main.py": ""})
    assert rules_of(tmp_path) == LayerRules()


# ------------------------------------------------------------ [tool.archbook]


def test_archbook_exclude_keeps_modules_out_of_the_analysis(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "pyproject.toml": """
                [tool.archbook]
                exclude = ["app/legacy", "scripts"]
            """,
            "app/__init__.py": "",
            "app/domain/__init__.py": "",
            "app/domain/user.py": "",
            "app/legacy/__init__.py": "",
            "app/legacy/old_domain.py": "from app.domain import user\n",
            "scripts/seed.py": "from app.domain import user\n",
        },
    )
    rules = rules_of(tmp_path)
    assert rules.exclude == ("app/legacy", "scripts")
    assert rules.source == "[tool.archbook] in pyproject.toml"
    names = {m.name for m in api.analyse(str(tmp_path), cache=False).scan.modules}
    assert "app.domain.user" in names
    assert not any("legacy" in name or "seed" in name for name in names)


def test_archbook_folders_add_tokens_on_top_of_the_defaults(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "pyproject.toml": """
                [tool.archbook.folders]
                Features = "application"
                widgets = "ui"
            """
        },
    )
    rules = rules_of(tmp_path)
    assert rules.tokens["features"] == "application"
    assert layer("app.features.signup", rules) == "application"
    assert classify("app.features.signup", rules).reason == "'features' in path"
    # the default tokens still work
    assert layer("app.domain.user", rules) == "domain"
    # a new layer is appended to the drawing order and may import anything
    assert rules.order == (*DEFAULT_ORDER, "ui")
    assert layer("app.widgets.chart", rules) == "ui"
    assert rules.allows("ui", "infrastructure")
    assert not rules.allows("domain", "ui")


def test_new_layers_join_the_order_in_file_order(tmp_path: Path) -> None:
    # the drawing order must not depend on the interpreter's hash seed
    write(
        tmp_path,
        {
            "pyproject.toml": """
                [tool.archbook.folders]
                widgets = "ui"
                jobs = "workers"
                cli = "console"
                [tool.archbook.allow]
                scheduling = ["domain"]
                [tool.archbook.modules]
                "app.metrics" = "telemetry"
                "app.flags" = "features"
            """
        },
    )
    extra = ("ui", "workers", "console", "scheduling", "telemetry", "features")
    assert rules_of(tmp_path).order == (*DEFAULT_ORDER, *extra)


def test_archbook_modules_map_prefixes_to_layers(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "pyproject.toml": """
                [tool.archbook.modules]
                "app.core" = "domain"
                "app.core.db" = "infrastructure"
            """
        },
    )
    rules = rules_of(tmp_path)
    assert layer("app.core.errors", rules) == "domain"
    assert layer("app.core.db.session", rules) == "infrastructure"
    assert classify("app.core.db", rules).reason == "configured for 'app.core.db'"


def test_archbook_allow_replaces_one_layers_allowed_set(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "pyproject.toml": """
                [tool.archbook.allow]
                infrastructure = ["application", "domain"]
            """
        },
    )
    rules = rules_of(tmp_path)
    assert rules.allowed["infrastructure"] == frozenset({"application", "domain"})
    assert rules.allows("infrastructure", "application")
    # replaced, not extended: ports were allowed by default and are not any more
    assert not rules.allows("infrastructure", "ports")
    # the other layers keep their defaults
    assert rules.allowed["application"] == LayerRules().allowed["application"]


def test_archbook_order_sets_the_drawing_order(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "pyproject.toml": """
                [tool.archbook]
                order = ["presentation", "application", "domain"]
            """
        },
    )
    order = rules_of(tmp_path).order
    assert order[:3] == ("presentation", "application", "domain")
    # layers the tokens or the allowed matrix still name are kept, after those given
    assert set(order) == set(DEFAULT_ORDER)


def test_unknown_archbook_key_is_a_config_error_naming_it(tmp_path: Path) -> None:
    write(tmp_path, {"pyproject.toml": '[tool.archbook]\nexcludes = ["x"]\n'})
    with pytest.raises(ConfigError) as error:
        rules_of(tmp_path)
    message = str(error.value)
    assert "excludes" in message
    assert "[tool.archbook] in pyproject.toml" in message
    assert "exclude" in message.replace("excludes", "")


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ('exclude = "tests"', "'exclude' must be a list of strings"),
        ("folders = 3", "'folders' must be a table"),
        ("[tool.archbook.allow]\ndomain = [1]", "'allow.domain' must be a list of strings"),
    ],
)
def test_badly_typed_archbook_values_are_config_errors(
    tmp_path: Path, body: str, expected: str
) -> None:
    write(tmp_path, {"pyproject.toml": "[tool.archbook]\n" + body + "\n"})
    with pytest.raises(ConfigError, match=expected):
        rules_of(tmp_path)


def test_bad_toml_is_a_config_error_naming_the_file(tmp_path: Path) -> None:
    write(tmp_path, {"pyproject.toml": "[tool.archbook\nexclude = [\n"})
    with pytest.raises(ConfigError) as error:
        rules_of(tmp_path)
    assert str(tmp_path / "pyproject.toml") in str(error.value)


def test_bad_archbook_toml_is_a_config_error_naming_the_file(tmp_path: Path) -> None:
    write(tmp_path, {"archbook.toml": "exclude = ['a'\n"})
    with pytest.raises(ConfigError, match="archbook.toml"):
        rules_of(tmp_path)


# --------------------------------------------------------------- archbook.toml


def test_archbook_toml_holds_the_same_keys_at_top_level(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "archbook.toml": """
                exclude = ["migrations"]
                [folders]
                handlers_v2 = "presentation"
                [modules]
                "app.settings" = "composition"
            """
        },
    )
    rules = rules_of(tmp_path)
    assert rules.source == "archbook.toml"
    assert rules.exclude == ("migrations",)
    assert layer("app.handlers_v2.users", rules) == "presentation"
    assert layer("app.settings", rules) == "composition"


def test_unknown_key_in_archbook_toml_names_that_file(tmp_path: Path) -> None:
    write(tmp_path, {"archbook.toml": "layers = []\n"})
    with pytest.raises(ConfigError, match=r"archbook\.toml: unknown key\(s\) layers"):
        rules_of(tmp_path)


def test_tool_archbook_in_pyproject_wins_over_archbook_toml(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "pyproject.toml": '[tool.archbook]\nexclude = ["from_pyproject"]\n',
            "archbook.toml": 'exclude = ["from_archbook_toml"]\n',
        },
    )
    rules = rules_of(tmp_path)
    assert rules.exclude == ("from_pyproject",)
    assert rules.source == "[tool.archbook] in pyproject.toml"


# ------------------------------------------------------------------ import-linter


def test_importlinter_in_pyproject_with_containers(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "pyproject.toml": """
                [tool.importlinter]
                root_package = "app"

                [[tool.importlinter.contracts]]
                name = "Slices are layered"
                type = "layers"
                containers = ["app.users", "app.orders"]
                layers = ["api", "services", "domain"]

                [[tool.importlinter.contracts]]
                name = "No requests"
                type = "forbidden"
                source_modules = ["app"]
                forbidden_modules = ["requests"]
            """
        },
    )
    rules = rules_of(tmp_path)
    assert rules.source == (
        "import-linter contract in pyproject.toml (Slices are layered, No requests)"
        " + archbook defaults for the rest"
    )
    assert rules.order[:3] == ("api", "services", "domain")
    assert set(rules.module_layers) == {
        ("app.users.api", "api"),
        ("app.users.services", "services"),
        ("app.users.domain", "domain"),
        ("app.orders.api", "api"),
        ("app.orders.services", "services"),
        ("app.orders.domain", "domain"),
    }
    assert layer("app.orders.services.place_order", rules) == "services"
    assert layer("app.users.api.routes", rules) == "api"
    # the contract covers two slices; the defaults classify the rest
    assert layer("app.shared.clock", rules) == "unclassified"
    assert layer("app.payments.infrastructure.gateway", rules) == "infrastructure"
    assert rules.allows("api", "domain")
    assert not rules.allows("domain", "services")
    assert rules.use_path_tokens
    assert [c.kind for c in rules.contracts] == ["layers", "forbidden"]


def test_importlinter_siblings_with_pipe_are_independent_with_colon_are_not(
    tmp_path: Path,
) -> None:
    write(
        tmp_path,
        {
            "pyproject.toml": """
                [[tool.importlinter.contracts]]
                name = "Layers"
                type = "layers"
                layers = [
                    "app.api",
                    "app.orders | app.billing",
                    "app.catalog : app.pricing",
                    "(app.kernel)",
                ]
            """
        },
    )
    rules = rules_of(tmp_path)
    assert rules.order[:6] == ("api", "orders", "billing", "catalog", "pricing", "kernel")
    assert not rules.allows("orders", "billing")
    assert not rules.allows("billing", "orders")
    assert rules.allows("catalog", "pricing")
    assert rules.allows("pricing", "catalog")
    assert rules.allows("orders", "pricing")
    assert not rules.allows("pricing", "orders")
    assert layer("app.kernel.ids", rules) == "kernel"
    assert not rules.allows("kernel", "api")


def test_importlinter_ini_file(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            ".importlinter": """
                [importlinter]
                root_package = app

                [importlinter:contract:forbid-requests]
                name = No requests
                type = forbidden
                source_modules = app
                forbidden_modules = requests

                [importlinter:contract:layers]
                name = App layers
                type = layers
                containers =
                    app
                layers =
                    api
                    orders | billing
                    kernel
            """
        },
    )
    rules = rules_of(tmp_path)
    assert rules.source == (
        "import-linter contract in .importlinter (No requests, App layers)"
        " + archbook defaults for the rest"
    )
    assert rules.order[:4] == ("api", "orders", "billing", "kernel")
    assert ("app.orders", "orders") in rules.module_layers
    assert layer("app.billing.invoices", rules) == "billing"
    assert not rules.allows("orders", "billing")
    assert rules.allows("api", "kernel")


def test_importlinter_in_setup_cfg(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "setup.cfg": """
                [metadata]
                name = app

                [importlinter:contract:1]
                name = Setup layers
                type = layers
                layers =
                    app.web
                    app.core
            """
        },
    )
    rules = rules_of(tmp_path)
    assert rules.source == (
        "import-linter contract in setup.cfg (Setup layers) + archbook defaults for the rest"
    )
    assert rules.order[:2] == ("web", "core")
    assert not rules.allows("core", "web")


# ---------------------------------------------------------------------------- tach


def test_tach_layers_and_module_paths(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "tach.toml": """
                layers = ["ui", "core", "data"]

                [[modules]]
                path = "app.ui"
                layer = "ui"
                depends_on = []

                [[modules]]
                path = "app.core"
                layer = "core"
                depends_on = []

                [[modules]]
                path = "app.data"
                layer = "data"
                depends_on = []

                [[modules]]
                path = "app.utils"
                depends_on = []
            """
        },
    )
    rules = rules_of(tmp_path)
    assert rules.source == "tach.toml layers + archbook defaults for the rest"
    assert rules.order[:3] == ("ui", "core", "data")
    assert layer("app.core.billing", rules) == "core"
    assert layer("app.utils.dates", rules) == "unclassified"
    assert layer("app.utils.db.session", rules) == "infrastructure"
    depends = rules.contracts[0]
    assert depends.breached_by("app.core.billing", "app.utils.dates")
    assert not depends.breached_by("app.core.billing", "app.core.tax")
    assert rules.allows("ui", "data")
    assert not rules.allows("data", "core")
    assert not rules.allows("core", "ui")


# ------------------------------------------------------------- backend subfolder


def test_config_in_backend_subfolder_prefixes_its_excludes(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "frontend/package.json": "{}",
            "frontend/scripts/build.py": "",
            "backend/pyproject.toml": """
                [tool.archbook]
                exclude = ["scripts"]
                [tool.archbook.modules]
                "app.settings" = "composition"
            """,
            "backend/app/__init__.py": "",
            "backend/app/settings.py": "",
            "backend/app/domain/user.py": "",
            "backend/scripts/seed.py": "from app.domain import user\n",
        },
    )
    rules = rules_of(tmp_path)
    assert rules.exclude == ("backend/scripts",)
    assert layer("app.settings", rules) == "composition"
    paths = {m.path for m in api.analyse(str(tmp_path), cache=False).scan.modules}
    assert "backend/app/domain/user.py" in paths
    assert "backend/scripts/seed.py" not in paths
    # only the backend's own scripts folder is excluded
    assert "frontend/scripts/build.py" in paths


def test_root_config_wins_over_backend_config(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "archbook.toml": 'exclude = ["docs"]\n',
            "backend/pyproject.toml": '[tool.archbook]\nexclude = ["scripts"]\n',
        },
    )
    assert rules_of(tmp_path).exclude == ("docs",)


def test_root_pyproject_without_rules_falls_through_to_backend(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "pyproject.toml": '[project]\nname = "monorepo"\n',
            "backend/.importlinter": """
                [importlinter:contract:1]
                name = Backend
                type = layers
                layers =
                    app.api
                    app.domain
            """,
        },
    )
    rules = rules_of(tmp_path)
    assert rules.source == (
        "import-linter contract in .importlinter (Backend) + archbook defaults for the rest"
    )
    assert rules.order[:2] == ("api", "domain")


# -------------------------------------------------------------------- precedence


def test_team_contract_with_archbook_overrides_on_top(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "pyproject.toml": """
                [tool.archbook]
                exclude = ["app/migrations"]
                [tool.archbook.modules]
                "app.api.health" = "ops"
                [tool.archbook.allow]
                domain = ["services"]

                [[tool.importlinter.contracts]]
                name = "Team layers"
                type = "layers"
                layers = ["app.api", "app.services", "app.domain"]
            """
        },
    )
    rules = rules_of(tmp_path)
    assert rules.source == (
        "import-linter contract in pyproject.toml (Team layers) + archbook defaults for the rest"
        " + [tool.archbook] in pyproject.toml"
    )
    assert rules.exclude == ("app/migrations",)
    # the contract's layers, with archbook's module mapping taking the longer prefix
    assert layer("app.api.routes", rules) == "api"
    assert layer("app.api.health.checks", rules) == "ops"
    assert rules.order[:3] == ("api", "services", "domain")
    assert rules.order[-1] == "ops"
    # archbook's allow replaces the contract's set for that one layer
    assert rules.allows("domain", "services")
    assert not rules.allows("domain", "api")
    assert not rules.allows("services", "api")
    # modules the contract does not name keep archbook's default layers
    assert layer("app.infrastructure.db", rules) == "infrastructure"


def test_archbook_folders_add_to_the_defaults_under_a_team_contract(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "pyproject.toml": """
                [tool.archbook.folders]
                adapters = "services"

                [[tool.importlinter.contracts]]
                name = "Team layers"
                type = "layers"
                layers = ["app.api", "app.services"]
            """
        },
    )
    rules = rules_of(tmp_path)
    assert rules.use_path_tokens
    assert layer("lib.adapters.mail", rules) == "services"
    # the defaults classify what neither the contract nor the folders name
    assert layer("lib.domain.user", rules) == "domain"


# ---------------------------------------------------------------------- end to end


CONTRACT_REPO = {
    "pyproject.toml": """
        [tool.importlinter]
        root_package = "app"

        [[tool.importlinter.contracts]]
        name = "App layers"
        type = "layers"
        layers = ["app.main", "app.api", "app.services", "app.domain"]
    """,
    "app/__init__.py": "",
    "app/main.py": """
        from app.api import routes

        settings = {"debug": False}
    """,
    "app/api/__init__.py": "",
    "app/api/routes.py": """
        from app.services import users
        from app.main import settings
    """,
    "app/services/__init__.py": "",
    "app/services/users.py": "from app.domain.user import User\n",
    "app/domain/__init__.py": "",
    "app/domain/user.py": "class User:\n    pass\n",
}


def test_team_contract_reports_an_import_the_default_rules_allow(tmp_path: Path) -> None:
    write(tmp_path, CONTRACT_REPO)

    # under archbook's defaults routes → main is presentation → composition: fine
    default = api.analyse(str(tmp_path), cache=False, rules=LayerRules())
    assert default.layer_of("app.api.routes") == "presentation"
    assert default.layer_of("app.main") == "composition"
    assert default.violations == []

    analysis = api.analyse(str(tmp_path), cache=False)
    assert "import-linter" in analysis.rules.source
    assert "App layers" in analysis.rules.source
    assert [
        (v.importer, v.imported, v.importer_layer, v.imported_layer, v.path, v.line)
        for v in analysis.violations
    ] == [("app.api.routes", "app.main", "api", "main", "app/api/routes.py", 2)]
    assert analysis.violations[0].text == "from app.main import settings"
    assert analysis.to_dict()["rules"]["source"] == analysis.rules.source
