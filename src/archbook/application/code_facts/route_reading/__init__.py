"""Routes of a FastAPI app, read from source the way FastAPI registers them:
``route_facts`` (the routes with their full paths, and what could not be resolved),
``routers`` (which router an expression names), ``router_tree`` (prefixes joined up
each include chain), ``route_scopes`` (the scopes and loops calls are read in),
``route_arguments`` (what a route call's keywords say), ``route_libraries`` (routes
a library adds when handed the app), ``static_values`` (strings and truths known
without running the code)."""
