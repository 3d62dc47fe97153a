"""Small abstract ports, one concern per file."""
