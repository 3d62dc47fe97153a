"""Notebook and workshop services: the review report, the recently used repositories
and the planning copies that keep the bundled sample untouched."""
