"""A feature's scope, between survey and draft: ``scope`` (the Scope a person may
correct, and the files the feature touches, creates or deletes), ``scope_terms``
(kinds of change, resources, external systems, packages), ``repo_index`` (matches
names to files; the offline recipes use it too), ``moves`` (the files a refactor
moves), ``mentions`` (whether the session removes, changes or only cites a file or
a class) and ``named_ports`` (ports the session points at without naming them)."""
