"""Faceted browsing of projects: `table.py` reads one row of facet values per project from
a store, `facets.py` filters, counts, sorts and pages them and writes the SPARQL query
that gives the same list."""
