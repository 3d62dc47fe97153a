"""Planning a new feature: new ports, adapters, services, routes and tests placed in
the repository's own folders, named its way and wired through its container.

One planner class built from layers, each a module: ``existing_code`` (what the
feature changes in code that exists), ``support`` (settings, errors, tests, route
names), ``components`` (the new files), ``connections`` (routes, container, scaffold), and
``recipe``, whose ``new_feature_changes`` combines them."""
