"""Request tracing: the path of a route through handler, service, port and adapter(s),
and the performance lint that reads the code along it."""
