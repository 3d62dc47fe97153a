"""import-linter contracts read as ``lint-imports`` reads them: where it looks first,
which options each type takes, and a clear ``ConfigError`` (never a traceback) for
what it would refuse."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from archbook.adapters.rules.config_rules import ConfigFileRulesSource
from archbook.domain.contracts import (
    ALERT_ERROR,
    ALERT_WARN,
    FORBIDDEN,
    LAYERS,
    PROTECTED,
    UNCHECKED,
    ImportContract,
)
from archbook.domain.layers import LayerRules
from archbook.exceptions import ConfigError

HEAD = "[importlinter]\nroot_package = shop\n\n"


def rules_of(tmp_path: Path, files: dict[str, str]) -> LayerRules:
    for rel, text in files.items():
        (tmp_path / rel).write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return ConfigFileRulesSource().rules_for(str(tmp_path))


def contract(tmp_path: Path, body: str, head: str = HEAD) -> ImportContract:
    text = head + "[importlinter:contract:one]\nname = One\n" + textwrap.dedent(body).lstrip()
    (only,) = rules_of(tmp_path, {".importlinter": text}).contracts
    return only


def refused(tmp_path: Path, body: str, head: str = HEAD) -> str:
    with pytest.raises(ConfigError) as error:
        contract(tmp_path, body, head)
    return str(error.value)


def test_optional_layers_and_exhaustive_ignores_are_read(tmp_path: Path) -> None:
    found = contract(
        tmp_path,
        """
        type = layers
        containers =
            shop.orders
        layers =
            web
            (cache) | jobs
            domain
        exhaustive = True
        exhaustive_ignores =
            notes
        """,
    )
    assert found.kind == LAYERS
    assert found.levels == ((("web",), True), (("cache", "jobs"), True), (("domain",), True))
    assert found.optional == ("cache",)
    assert (found.exhaustive, found.exhaustive_ignores) == (True, ("notes",))
    assert found.unmatched_ignores == ALERT_ERROR  # import-linter's default


def test_an_optional_layer_is_named_alike_with_spaces_in_its_parentheses(tmp_path: Path) -> None:
    found = contract(tmp_path, "type = layers\nlayers =\n    web\n    ( cache ) : jobs\n")
    assert found.levels == ((("web",), True), (("cache", "jobs"), False))
    assert found.optional == ("cache",)


def test_forbidden_external_packages_are_split_from_internal_ones(tmp_path: Path) -> None:
    found = contract(
        tmp_path,
        """
        type = forbidden
        source_modules = shop.web
        forbidden_modules =
            shop.db
            sqlalchemy
        as_packages = False
        allow_indirect_imports = true
        unmatched_ignore_imports_alerting = warn
        """,
        head=HEAD.replace("\n\n", "\ninclude_external_packages = True\n\n"),
    )
    assert (found.kind, found.targets, found.externals) == (
        FORBIDDEN,
        ("shop.db",),
        ("sqlalchemy",),
    )
    assert (found.as_packages, found.chains, found.external_graph) == (False, False, True)
    assert found.type_checking  # exclude_type_checking_imports not set
    assert found.unmatched_ignores == ALERT_WARN
    assert not found.problems


@pytest.mark.parametrize(
    ("head", "target", "problem"),
    [
        (HEAD, "sqlalchemy", "include_external_packages = True"),
        (
            HEAD.replace("\n\n", "\ninclude_external_packages = true\n\n"),
            "sqlalchemy.orm",
            "name it by its top-level name (sqlalchemy)",
        ),
    ],
)
def test_an_external_target_lint_imports_stops_on_is_a_problem_of_that_contract(
    tmp_path: Path, head: str, target: str, problem: str
) -> None:
    body = f"type = forbidden\nsource_modules = shop.web\nforbidden_modules = {target}\n"
    (found,) = contract(tmp_path, body, head).problems
    assert problem in found


def test_protected_contracts_keep_allowed_importers_as_sources(tmp_path: Path) -> None:
    found = contract(
        tmp_path,
        """
        type = protected
        protected_modules = shop.vault
        allowed_importers =
            shop.admin
            shop.*.audit
        """,
    )
    assert (found.kind, found.targets, found.sources) == (
        PROTECTED,
        ("shop.vault",),
        ("shop.admin", "shop.*.audit"),
    )
    assert found.as_packages and not found.chains


def test_other_and_custom_types_are_kept_unchecked_by_name(tmp_path: Path) -> None:
    rules = rules_of(
        tmp_path,
        {
            ".importlinter": HEAD.replace("\n\n", "\ncontract_types =\n    forbidden: x.Mine\n\n")
            + "[importlinter:contract:a]\nname = A\ntype = acyclic_siblings\nancestors = shop\n"
            + "[importlinter:contract:b]\nname = B\ntype = forbidden\nwhatever = 1\n"
            + "[importlinter:contract:c]\nname = C\n"
        },
    )
    assert [(c.kind, c.type_name) for c in rules.contracts] == [
        (UNCHECKED, "acyclic_siblings"),
        (UNCHECKED, "forbidden"),  # the file's own class replaces the built-in type
        (UNCHECKED, ""),
    ]
    assert "A" not in rules.source and "()" in rules.source


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("type = layers\nlayers = a\nexhaustiv = true\n", "did you mean 'exhaustive'?"),
        ("type = layers\nlayers = a\nas_packages = false\n", "unrecognized option 'as_packages'"),
        ("type = forbidden\nsource_modules = a\nforbidden_modules = b\nas_packages = no\n",
         "'as_packages' must be true or false, not 'no'"),
        ("type = forbidden\nsource_modules = a\nforbidden_modules = b\n"
         "unmatched_ignore_imports_alerting = loud\n", "must be one of none, warn, error"),
        ("type = forbidden\nsource_modules = a\n", "'forbidden_modules' is required"),
        ("type = forbidden\nsource_modules = a.b*\nforbidden_modules = c\n",
         "'a.b*' in 'source_modules' is no module name"),
        ("type = forbidden\nsource_modules = a.**.*\nforbidden_modules = c\n",
         "a wildcard cannot follow '**'"),
        ("type = forbidden\nsource_modules = a\nforbidden_modules = c\nignore_imports = a c\n",
         "ignore_imports line 'a c' is not 'importer -> imported'"),
        ("type = layers\nlayers =\n    a | b : c\n", "mixes '|' and ':'"),
        ("type = layers\nlayers =\n    a | a\n", "Modules cannot be repeated in a layer: a"),
        ("type = layers\nlayers =\n    a\n    b\n    a\n", "more than one layer: a"),
        ("type = layers\nlayers =\n    a\n    a.b\n", "'a' contains 'a.b'"),
        ("type = layers\nlayers =\n    a\n    ( )\n", "has an empty module name"),
        ("type = layers\nlayers = a\nexhaustive = true\n", "'exhaustive' needs 'containers'"),
        ("type = layers\n", "'layers' is required"),
    ],
)  # fmt: skip
def test_what_lint_imports_refuses_is_a_config_error_naming_the_contract(
    tmp_path: Path, body: str, message: str
) -> None:
    text = refused(tmp_path, body)
    assert text.startswith("import-linter contract in .importlinter: One: ")
    assert message in text


def test_a_toml_value_of_the_wrong_shape_is_a_config_error(tmp_path: Path) -> None:
    pyproject = """
        [tool.importlinter]
        root_package = "shop"

        [[tool.importlinter.contracts]]
        name = "Bad"
        type = "layers"
        layers = 3
    """
    with pytest.raises(ConfigError, match="'layers' must be a list of module names, not 3"):
        rules_of(tmp_path, {"pyproject.toml": pyproject})


def test_toml_booleans_and_optional_layers(tmp_path: Path) -> None:
    pyproject = """
        [tool.importlinter]
        root_packages = ["shop"]
        include_external_packages = true

        [[tool.importlinter.contracts]]
        name = "Web alone"
        type = "forbidden"
        source_modules = ["shop.web"]
        forbidden_modules = ["requests"]
        as_packages = false

        [[tool.importlinter.contracts]]
        name = "Layers"
        type = "layers"
        layers = ["shop.web", "(shop.jobs)", "shop.domain"]
    """
    forbidden, layered = rules_of(tmp_path, {"pyproject.toml": pyproject}).contracts
    assert (forbidden.as_packages, forbidden.externals, forbidden.external_graph) == (
        False,
        ("requests",),
        True,
    )
    assert layered.optional == ("shop.jobs",)


def test_setup_cfg_then_importlinter_then_pyproject_as_lint_imports_looks(tmp_path: Path) -> None:
    section = "[importlinter:contract:x]\nname = {}\ntype = independence\nmodules = shop.*\n"
    pyproject = """
        [tool.importlinter]
        root_package = "shop"
        [[tool.importlinter.contracts]]
        name = "From pyproject"
        type = "independence"
        modules = ["shop.*"]
    """
    files = {
        "pyproject.toml": pyproject,
        ".importlinter": HEAD + section.format("From .importlinter"),
        "setup.cfg": "[metadata]\nname = shop\n",  # no [importlinter]: not read
    }
    (found,) = rules_of(tmp_path, files).contracts
    assert (found.name, found.config) == (
        "import-linter contract in .importlinter: From .importlinter",
        ".importlinter",
    )
    (tmp_path / "setup.cfg").write_text(HEAD + section.format("From setup.cfg"))
    (found,) = rules_of(tmp_path, {}).contracts
    assert found.config == "setup.cfg"


def test_a_contract_in_a_backend_folder_names_its_file_from_the_root(tmp_path: Path) -> None:
    (tmp_path / "backend").mkdir()
    text = HEAD + "[importlinter:contract:x]\nname = X\ntype = independence\nmodules = shop.*\n"
    (found,) = rules_of(tmp_path, {"backend/.importlinter": text}).contracts
    assert found.config == "backend/.importlinter"


def test_a_stray_percent_in_an_importlinter_section_is_a_config_error(tmp_path: Path) -> None:
    text = HEAD + "[importlinter:contract:x]\nname = 100% sure\ntype = independence\nmodules = a\n"
    with pytest.raises(ConfigError, match="setup.cfg cannot be read: '%' must be followed"):
        rules_of(tmp_path, {"setup.cfg": text})
    # another tool's section may hold one: it is not read
    other = "[tool:pytest]\naddopts = --cov-fail-under=90%\n\n" + HEAD
    (found,) = rules_of(
        tmp_path,
        {
            "setup.cfg": other
            + "[importlinter:contract:x]\nname = X\ntype = independence\nmodules = a\n"
        },
    ).contracts
    assert found.name.endswith(": X")


def test_a_container_outside_the_root_packages_is_a_problem_of_its_contract(
    tmp_path: Path,
) -> None:
    body = "type = layers\ncontainers =\n    shop.orders\n    other.orders\nlayers = web\n"
    assert contract(tmp_path, body).problems == (
        "container other.orders is neither a root package (shop) nor inside one",
    )


def test_exclude_type_checking_imports_takes_them_out_of_every_contract(tmp_path: Path) -> None:
    head = HEAD.replace("\n\n", "\nexclude_type_checking_imports = True\n\n")
    found = contract(tmp_path, "type = independence\nmodules = shop.*\n", head)
    assert not found.type_checking
