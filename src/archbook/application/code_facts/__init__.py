"""FastAPI code facts: a model of the code read from its syntax trees, the roles its
classes play (services, ports, adapters, models), routes, dependency-injection
providers, project facts (package manager, pins), and the knowledge facade that holds
them together for tracing and planning."""
