"""Use cases of archbook: analyse a repository, draw it, check its rules."""
