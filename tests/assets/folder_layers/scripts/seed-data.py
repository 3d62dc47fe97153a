"""Seeds a development database (run as a script: its name is no module name)."""

from notes.core.settings import settings
from notes.db.pool import open_pool

open_pool(settings.database_url)
