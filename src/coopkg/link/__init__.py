"""Linking: a document graph's territories, organisations and programmes → registry identifiers.

Entry point: `link_graph(graph, minter, linker)` in `graph.py`, which asks the `Linker`
(`linker.py`) for each territory and writes what it found. Each country's administrative
ladder has a module (`poland`, `czechia`, `ukraine`, `slovakia`); `organisations` and
`programmes` link those; `units` holds the types they all share.
"""
