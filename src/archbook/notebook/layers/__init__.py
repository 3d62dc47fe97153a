"""Views of a repository's layers: the graph, tables and charts of an analysis, the
drill-down into a layer pair, the import edges behind an arrow, a branch's effect on
the layers and the refactoring sandbox."""
