from harbor.vault import keys

INNER = keys.KEY
