"""Scanning and layers: reading a repository's imports without running it, naming its
modules, sorting them into layers, and the analyses built on that (violations, cycles,
metrics, what-if changes, drill-down targets)."""
