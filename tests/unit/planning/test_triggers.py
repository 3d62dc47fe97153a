"""The moments a session hangs its work on, in the languages sessions are written in."""

from __future__ import annotations

import pytest

from archbook.application.planning.scoping.triggers import triggers


@pytest.mark.parametrize(
    ("text", "resource", "operation"),
    [
        ("When a user is created, send a welcome email.", "user", "create"),
        ("Once the account has been deleted, purge its files.", "account", "delete"),
        ("After an order gets paid, issue the invoice.", "order", "pay"),
        ("When a user signs up, grant the trial plan.", "user", "register"),
        ("After creating the project, seed its board.", "project", "create"),
        ("When an admin creates an invoice, email it.", "invoice", "create"),
        ("Log it on `User` creation.", "user", "create"),
        ("Cuando se crea un usuario, enviar un correo de bienvenida.", "user", "create"),
        ("Al crear un pedido se reserva el stock.", "order", "create"),
        ("Cuando un pago es confirmado, avisar al socio.", "payment", "confirm"),
        ("Tras el registro de un usuario se envía el correo.", "user", "register"),
        ("Lorsqu'un utilisateur est créé, envoyer un e-mail.", "user", "create"),
        ("Après avoir supprimé le compte, effacer ses fichiers.", "account", "delete"),
        ("À la création d'une commande, réserver le stock.", "order", "create"),
        ("- Creating a user stores the hash of the email.", "user", "create"),
        ("The rules. Deleting an account revokes its tokens.", "account", "delete"),
    ],
)
def test_a_moment_names_its_resource_and_operation(
    text: str, resource: str, operation: str
) -> None:
    found = triggers(text)
    assert [(t.resource, t.operation) for t in found] == [(resource, operation)]
    assert found[0].clause in " ".join(text.replace("`", "").split())


@pytest.mark.parametrize(
    "text",
    [
        "When a contract is signed, archive it.",  # no operation archbook knows
        "When sending an email, retry twice.",
        "Users create invoices from the dashboard.",  # what the feature does, not when
        "The account page lists created projects.",
        "Logging out twice is not an error.",  # no resource after the gerund
        "Resolving the caller is a query.",  # no operation archbook knows
    ],
)
def test_what_is_no_moment_is_not_read_as_one(text: str) -> None:
    assert triggers(text) == []


def test_a_sentence_opening_on_several_operations_names_each() -> None:
    found = triggers("- Creating, replacing and patching a user compute the email's hash.")
    assert [(t.resource, t.operation) for t in found] == [("user", "create"), ("user", "update")]
    assert found[0].clause == "Creating, replacing and patching a user"


def test_each_moment_is_read_once_in_the_order_the_session_names_them() -> None:
    text = (
        "When an order is paid, email the receipt. When a user is deleted, cancel "
        "their orders. After an order gets paid, update the stock."
    )
    assert [(t.resource, t.operation) for t in triggers(text)] == [
        ("order", "pay"),
        ("user", "delete"),
    ]
