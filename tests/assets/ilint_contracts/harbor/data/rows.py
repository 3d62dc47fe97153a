import sqlalchemy

ROWS = [sqlalchemy.__name__]
