from harbor.vault import keys

TOOL = keys.KEY
