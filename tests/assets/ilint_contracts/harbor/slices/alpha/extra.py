"""A module no layer lists."""
