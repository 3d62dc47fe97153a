from harbor import vault

OPENED = vault.__name__
