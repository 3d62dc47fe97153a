"""FakePlanner: the planner port answered with one prepared plan."""

from __future__ import annotations

import dataclasses

from archbook.application.code_facts.knowledge import RepoKnowledge
from archbook.application.planning.planner import Draft, Planner, PlanRequest, TextSink, Validator
from archbook.domain.plan import Plan


class FakePlanner(Planner):
    """Returns its prepared plan for whatever feature it is asked about."""

    name = "fixed"

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.requests: list[PlanRequest] = []

    def draft(
        self,
        request: PlanRequest,
        known: RepoKnowledge,
        validate: Validator,
        on_text: TextSink | None = None,
    ) -> Draft:
        self.requests.append(request)
        return Draft(dataclasses.replace(self.plan, feature=request.feature), {}, 1, [])
