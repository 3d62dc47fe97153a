"""Views of feature planning: the pickers, the step-by-step panel, the scope editor,
the plan already written and the app that puts them together."""
