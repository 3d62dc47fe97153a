"""Drawing engines: the Graphviz binary, matplotlib when Graphviz is missing, and pydeps
for module-level detail."""
