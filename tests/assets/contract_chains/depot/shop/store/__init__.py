"""The lowest layer of the shop."""
