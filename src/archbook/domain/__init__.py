"""Pure values of archbook: modules, imports, layers, rules, violations. No I/O."""
