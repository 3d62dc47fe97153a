"""Classification of module names into layers, and the default allowed-import matrix."""

from __future__ import annotations

import pytest

from archbook.domain.layers import (
    APPLICATION,
    COMPOSITION,
    DEFAULT_ORDER,
    DOMAIN,
    INFRASTRUCTURE,
    PORTS,
    PRESENTATION,
    TESTS,
    UNCLASSIFIED,
    FolderMemo,
    LayerRules,
    classify,
    layered_rules,
)

DEFAULT = LayerRules()


def layer(module: str, rules: LayerRules = DEFAULT) -> str:
    return classify(module, rules).layer


# --------------------------------------------------------------------- tokens


@pytest.mark.parametrize(
    ("module", "expected"),
    [
        ("src.presentation.api.routes.users", PRESENTATION),
        ("app.api.v1.endpoints.items", PRESENTATION),
        ("src.application.services.user_service", APPLICATION),
        ("src.application.ports.user_repository", PORTS),
        ("src.domain.entities.user", DOMAIN),
        ("src.infrastructure.adapters.mongo.mongo_user_repository", INFRASTRUCTURE),
        ("src.infrastructure.container", COMPOSITION),
        ("src.main", COMPOSITION),
        ("app.core.config", UNCLASSIFIED),
        ("app", UNCLASSIFIED),
    ],
)
def test_common_layout_names_land_in_their_layer(module: str, expected: str) -> None:
    assert layer(module) == expected


@pytest.mark.parametrize(
    ("module", "expected", "token"),
    [
        # the deepest anchor folder decides, whatever sits above it
        ("app.users.domain.usecase.register_user", APPLICATION, "usecase"),
        ("app.application.ports.clock", PORTS, "ports"),
        ("app.infrastructure.http.error_handlers", PRESENTATION, "http"),
        ("app.domain.entities.user", DOMAIN, "entities"),
        ("app.adapters.entrypoints.routes", PRESENTATION, "entrypoints"),
        # a contextual folder below an anchor takes the anchor's layer
        ("app.domain.services.pricing", DOMAIN, "services"),
        ("app.infrastructure.services.mailer", INFRASTRUCTURE, "services"),
        ("app.api.dependencies.auth", PRESENTATION, "dependencies"),
        ("app.presentation.api.dependencies.auth", PRESENTATION, "dependencies"),
        # ... and its own layer when no anchor is above it
        ("app.services.mailer", APPLICATION, "services"),
        ("app.dependencies.auth", COMPOSITION, "dependencies"),
    ],
)
def test_deepest_token_wins_and_reason_names_it(module: str, expected: str, token: str) -> None:
    result = classify(module, DEFAULT)
    assert result.layer == expected
    assert f"'{token}'" in result.reason


@pytest.mark.parametrize(
    ("module", "expected"),
    [
        # a file name never outranks its folder ...
        ("shared.infrastructure.config.application", INFRASTRUCTURE),
        ("app.adapters.entrypoints.application", PRESENTATION),
        ("app.infrastructure.services", INFRASTRUCTURE),
        ("app.api.repository", PRESENTATION),
        # ... unless it holds the ports of a domain or application folder
        ("app.application.interfaces", PORTS),
        # (DDD keeps repository interfaces in the domain: a repository file stays put)
        ("app.domain.repositories", DOMAIN),
        ("app.application.repository", APPLICATION),
        # ... or names a composition root
        ("app.infrastructure.container", COMPOSITION),
        ("app.main", COMPOSITION),
        # a ``main`` in a presentation folder may only mount routers: content decides
        ("app.api.main", PRESENTATION),
        ("app.api.container", COMPOSITION),
        # a file name decides only where no folder names a layer
        ("app.services", APPLICATION),
        ("app.crud", INFRASTRUCTURE),
    ],
)
def test_a_folder_layer_outranks_the_file_name_inside_it(module: str, expected: str) -> None:
    assert layer(module) == expected


def test_a_package_name_is_a_folder() -> None:
    assert layer("app.infrastructure.services", DEFAULT) == INFRASTRUCTURE
    assert classify("app.api.application", DEFAULT, is_package=True).layer == APPLICATION
    assert classify("app.api.application", DEFAULT).layer == PRESENTATION


def test_leading_underscores_are_ignored_in_folder_names() -> None:
    assert layer("pkg.billing._domain.invoice") == DOMAIN
    assert layer("pkg.billing._web.views") == PRESENTATION


def test_token_matching_is_per_path_part_not_substring() -> None:
    # 'apiary' and 'domainname' contain layer words but are not layer folders
    assert layer("app.apiary.domainname") == UNCLASSIFIED
    assert layer("app.api_client") == UNCLASSIFIED


@pytest.mark.parametrize(
    ("module", "expected"),
    [
        ("application_service.indication.indication_service", APPLICATION),
        ("src.domain_layer.user", DOMAIN),
        ("src.infrastructure_adapters.mongo.users", INFRASTRUCTURE),
        ("src.presentation_layer.users", PRESENTATION),
        ("allocation.service_layer.unit_of_work", APPLICATION),
        # the word must open the name, and only the four layer names do
        ("app.user_application.views", PRESENTATION),
        ("app.ports_registry.x", UNCLASSIFIED),
        # a compound file name does not decide a module's layer as a folder would
        ("app.application_factory", UNCLASSIFIED),
        ("app.api.domain_events", PRESENTATION),
    ],
)
def test_a_folder_name_opening_with_a_layer_name_is_in_that_layer(
    module: str, expected: str
) -> None:
    assert layer(module) == expected


def test_tokens_are_case_insensitive() -> None:
    assert layer("App.Domain.User") == DOMAIN


def test_unclassified_reason_names_the_module() -> None:
    result = classify("app.core.settings", DEFAULT)
    assert result.layer == UNCLASSIFIED
    assert "app.core.settings" in result.reason


# ---------------------------------------------------------------------- tests


@pytest.mark.parametrize(
    ("module", "token"),
    [
        ("tests.domain.test_user", "tests"),
        ("src.tests.conftest", "tests"),
        ("src.domain.tests.factories", "tests"),
        ("app.infrastructure.test.helpers", "test"),
        ("app.domain.test_user", "test_user"),
        ("app.application.services.user_service_test", "user_service_test"),
        ("app.api.conftest", "conftest"),
    ],
)
def test_test_code_wins_over_every_layer_token(module: str, token: str) -> None:
    result = classify(module, DEFAULT)
    assert result.layer == TESTS
    assert f"'{token}'" in result.reason


def test_names_merely_containing_test_are_not_tests() -> None:
    assert layer("app.domain.attestation") == DOMAIN
    assert layer("app.domain.testimonial") == DOMAIN


# ------------------------------------------------------- repository / models


@pytest.mark.parametrize(
    ("module", "expected"),
    [
        ("app.users.domain.repository.user_repository", PORTS),
        ("app.domain.repositories", PORTS),
        ("app.application.repositories.orders", PORTS),
        ("app.application.ports.repository", PORTS),
        ("app.infrastructure.repositories.project_repository", INFRASTRUCTURE),
        ("app.repositories.users", INFRASTRUCTURE),
        ("app.api.repository", INFRASTRUCTURE),
    ],
)
def test_repository_is_a_port_under_domain_application_ports_else_infrastructure(
    module: str, expected: str
) -> None:
    result = classify(module, DEFAULT, is_package=True)
    assert result.layer == expected
    assert "repositor" in result.reason


@pytest.mark.parametrize(
    ("module", "expected"),
    [
        ("app.infrastructure.models", INFRASTRUCTURE),
        ("src.infrastructure.db.models.user", INFRASTRUCTURE),
        ("app.api.models", PRESENTATION),
        ("app.services.model.invoice", APPLICATION),
        ("app.domain.models.user", DOMAIN),
        # no classified folder above: models are domain entities
        ("app.models", DOMAIN),
        ("app.models.user", DOMAIN),
    ],
)
def test_models_inherit_the_nearest_classified_ancestor(module: str, expected: str) -> None:
    result = classify(module, DEFAULT, is_package=True)
    assert result.layer == expected
    assert "model" in result.reason


def test_a_remapped_repository_token_is_taken_as_configured() -> None:
    tokens = {**DEFAULT.tokens, "repository": DOMAIN}
    rules = LayerRules(tokens=tokens)
    assert classify("app.infrastructure.repository", rules, is_package=True).layer == DOMAIN


# ------------------------------------------------------- explicit module prefixes


def test_explicit_prefix_beats_tokens_and_names_the_prefix() -> None:
    rules = DEFAULT.with_module_layers([("app.api.health", INFRASTRUCTURE)])
    result = classify("app.api.health", rules)
    assert result.layer == INFRASTRUCTURE
    assert "app.api.health" in result.reason
    assert layer("app.api.health.checks", rules) == INFRASTRUCTURE
    # a sibling sharing the prefix as a string is not under it
    assert layer("app.api.healthz", rules) == PRESENTATION


def test_longest_explicit_prefix_wins_whatever_the_order() -> None:
    pairs = [("app", COMPOSITION), ("app.core.db", INFRASTRUCTURE), ("app.core", DOMAIN)]
    for ordered in (pairs, list(reversed(pairs))):
        rules = DEFAULT.with_module_layers(ordered)
        assert layer("app.core.db.session", rules) == INFRASTRUCTURE
        assert layer("app.core.errors", rules) == DOMAIN
        assert layer("app.main", rules) == COMPOSITION
        assert classify("app.core.db", rules).reason == "configured for 'app.core.db'"


def test_with_module_layers_keeps_everything_else() -> None:
    base = LayerRules(exclude=("vendor",), source="custom")
    rules = base.with_module_layers([("x", DOMAIN)])
    assert rules.module_layers == (("x", DOMAIN),)
    assert (rules.order, rules.exclude, rules.source) == (base.order, ("vendor",), "custom")
    assert rules.allowed == base.allowed


# -------------------------------------------------------------- allowed matrix


def test_layers_are_the_order_then_unclassified() -> None:
    assert DEFAULT.layers == (*DEFAULT_ORDER, UNCLASSIFIED)
    assert DEFAULT.order == (
        TESTS,
        COMPOSITION,
        PRESENTATION,
        INFRASTRUCTURE,
        APPLICATION,
        PORTS,
        DOMAIN,
    )


EXPECTED_ALLOWED = {
    TESTS: {TESTS, COMPOSITION, PRESENTATION, INFRASTRUCTURE, APPLICATION, PORTS, DOMAIN},
    COMPOSITION: {COMPOSITION, PRESENTATION, INFRASTRUCTURE, APPLICATION, PORTS, DOMAIN},
    PRESENTATION: {PRESENTATION, COMPOSITION, APPLICATION, PORTS, DOMAIN},
    INFRASTRUCTURE: {INFRASTRUCTURE, PORTS, DOMAIN},
    APPLICATION: {APPLICATION, PORTS, DOMAIN},
    PORTS: {PORTS, DOMAIN},
    DOMAIN: {DOMAIN},
}


@pytest.mark.parametrize("importer", DEFAULT_ORDER)
@pytest.mark.parametrize("imported", DEFAULT_ORDER)
def test_default_allowed_matrix(importer: str, imported: str) -> None:
    assert DEFAULT.allows(importer, imported) is (imported in EXPECTED_ALLOWED[importer])


def test_matrix_highlights() -> None:
    assert DEFAULT.allows(PRESENTATION, COMPOSITION)
    assert not DEFAULT.allows(PRESENTATION, INFRASTRUCTURE)
    assert not any(DEFAULT.allows(DOMAIN, other) for other in DEFAULT_ORDER if other != DOMAIN)
    assert all(DEFAULT.allows(COMPOSITION, other) for other in DEFAULT_ORDER if other != TESTS)
    assert all(DEFAULT.allows(TESTS, other) for other in DEFAULT_ORDER)
    assert not any(DEFAULT.allows(other, TESTS) for other in DEFAULT_ORDER if other != TESTS)


@pytest.mark.parametrize("other", DEFAULT_ORDER)
def test_unclassified_is_never_a_violation(other: str) -> None:
    assert DEFAULT.allows(UNCLASSIFIED, other)
    assert DEFAULT.allows(other, UNCLASSIFIED)


def test_a_layer_without_an_allowed_entry_may_import_anything() -> None:
    rules = LayerRules(order=(*DEFAULT_ORDER, "scripts"))
    assert all(rules.allows("scripts", other) for other in DEFAULT_ORDER)
    assert not rules.allows(DOMAIN, "scripts")


# -------------------------------------------------------------- layered_rules


def test_layered_rules_higher_imports_lower_never_upward() -> None:
    rules = layered_rules(
        [[("api", False)], [("services", False)], [("domain", False)]],
        [("app.api", "api"), ("app.services", "services"), ("app.domain", "domain")],
        "contract X",
    )
    assert rules.order[:3] == ("api", "services", "domain")
    assert rules.allows("api", "services") and rules.allows("api", "domain")
    assert rules.allows("services", "domain")
    assert not rules.allows("services", "api")
    assert not rules.allows("domain", "services")
    assert not rules.allows("domain", "api")
    assert rules.source == "contract X + archbook defaults for the rest"


def test_layered_rules_independent_siblings_may_not_import_each_other() -> None:
    rules = layered_rules(
        [[("api", False)], [("orders", True), ("billing", True)], [("kernel", False)]],
        [],
        "c",
    )
    assert rules.order[:4] == ("api", "orders", "billing", "kernel")
    assert not rules.allows("orders", "billing")
    assert not rules.allows("billing", "orders")
    assert rules.allows("orders", "kernel") and rules.allows("billing", "kernel")
    assert rules.allows("api", "orders") and rules.allows("api", "billing")
    assert not rules.allows("kernel", "orders")
    assert rules.contract_allowed["api"] == frozenset({"orders", "billing", "kernel"})


def test_layered_rules_non_independent_siblings_may_import_each_other() -> None:
    rules = layered_rules([[("orders", False), ("billing", False)], [("kernel", False)]], [], "c")
    assert rules.allows("orders", "billing")
    assert rules.allows("billing", "orders")
    assert not rules.allows("kernel", "billing")
    assert rules.contract_allowed["orders"] == frozenset({"billing", "kernel"})


def test_layered_rules_govern_their_modules_and_defaults_classify_the_rest() -> None:
    rules = layered_rules(
        [[("api", False)], [("domain", False)]],
        [("app.orders.api", "api"), ("app.orders.domain", "domain")],
        "import-linter contract in .importlinter (Layers)",
    )
    assert layer("app.orders.api.routes", rules) == "api"
    assert layer("app.orders.domain.order", rules) == "domain"
    assert not rules.allows("domain", "api")
    # modules the contract does not name: archbook's default names and rules
    assert layer("app.billing.infrastructure.db", rules) == INFRASTRUCTURE
    assert layer("app.billing.services.invoice", rules) == APPLICATION
    assert layer("app.tests.test_api", rules) == TESTS
    assert not rules.allows(INFRASTRUCTURE, APPLICATION)
    # a contract layer and a default layer: the contract says nothing about it
    assert rules.allows("api", INFRASTRUCTURE)
    assert rules.allows(INFRASTRUCTURE, "api")


def test_a_folder_read_once_for_a_pass_gives_each_of_its_modules_its_own_layer() -> None:
    """One folder memo over a whole pass: the folder's reading is shared, but a file
    named by a layer word, a test file and an unclassified file still decide alone."""
    rules = LayerRules()
    modules = [
        ("app.domain", True, DOMAIN, "'domain' in path"),
        ("app.domain.ports", False, PORTS, "'ports' in path"),
        ("app.domain.user", False, DOMAIN, "'domain' in path"),
        ("app.domain.repository", False, DOMAIN, "'domain' in path"),
        ("app.tests", True, TESTS, "test code ('tests' in path)"),
        ("app.tests.factories", False, TESTS, "test code ('tests' in path)"),
        ("app.test_main", False, TESTS, "test code ('test_main' in path)"),
        ("app.main", False, COMPOSITION, "'main' in path"),
        ("app.utils", False, UNCLASSIFIED, "no layer folder or file name in 'app.utils'"),
        ("app.helpers", False, UNCLASSIFIED, "no layer folder or file name in 'app.helpers'"),
    ]
    folders: FolderMemo = {}
    for name, is_package, layer, reason in modules:
        found = classify(name, rules, is_package, folders)
        assert (found.layer, found.reason) == (layer, reason), name
        assert found == classify(name, rules, is_package)
    assert set(folders) == {"app.domain", "app.tests", "app"}
