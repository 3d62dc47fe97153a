"""Plans archbook did not write: reading a backend.md whatever its style (``reader``,
with ``paths`` and ``commands``), reviewing it against the code, the layer rules, the
pinned versions and the DI idiom (``checks``, ``advice``), and putting it beside
archbook's own draft (``comparison``)."""
