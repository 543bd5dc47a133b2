"""The build: `data/` → generated RDF in `data/rdf/` and a new store, switched in atomically.

Entry point: `build(settings)` in `run.py`. Orchestration only: `cache` plans which
documents changed, `workers` runs the pipeline on batches of them in worker processes,
`load` puts the result into the store, `dump` writes the files.
"""
