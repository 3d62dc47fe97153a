"""A custom import-linter contract type: broken whenever harbor.vault has a module
besides its package module (archbook does not check custom types)."""

from importlinter import Contract, ContractCheck, output


class SealedContract(Contract):
    def check(self, graph, verbose):
        inside = sorted(graph.find_children("harbor.vault"))
        return ContractCheck(kept=not inside, metadata={"inside": inside})

    def render_broken_contract(self, check):
        for module in check.metadata["inside"]:
            output.print_error(f"{module} is inside the sealed vault")
