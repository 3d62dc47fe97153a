"""Layer rules and import contracts read from a repository's own configuration
(pyproject ``[tool.archbook]``, import-linter, tach)."""
