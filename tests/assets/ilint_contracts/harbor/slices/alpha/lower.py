LOWER = "alpha"
