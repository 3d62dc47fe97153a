"""A small package whose import-linter contracts archbook reads like lint-imports."""
