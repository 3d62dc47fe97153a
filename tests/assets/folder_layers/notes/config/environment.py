"""Environment settings of the command-line tools."""

import os

BATCH_SIZE = int(os.environ.get("NOTES_BATCH", "100"))
