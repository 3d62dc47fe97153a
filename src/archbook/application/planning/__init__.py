"""Feature planning: the step machine a notebook or the CLI walks through (read the
context session, survey, draft, validate, write), the planner port, context sessions,
agent definitions, the survey of relevant files, and the plan's schema, Markdown and
validation. The two planners live in ``offline`` and ``llm``."""
