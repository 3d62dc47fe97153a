RULE = "r"
