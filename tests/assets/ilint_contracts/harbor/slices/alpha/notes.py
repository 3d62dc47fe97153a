"""Notes the exhaustive contract leaves out on purpose."""
