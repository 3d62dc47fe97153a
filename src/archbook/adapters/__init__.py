"""Technology adapters behind archbook's ports: file system, Graphviz, pydeps, config files."""
