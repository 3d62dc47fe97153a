"""Reading a target's file tree: the folder walk, forked workers, import extraction
and the scan snapshots kept in the user's cache."""
