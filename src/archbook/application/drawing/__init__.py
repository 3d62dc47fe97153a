"""Drawings: layer graphs, module views and request traces as renderer-neutral values
(``domain.drawing``) that a renderer adapter turns into SVG."""
