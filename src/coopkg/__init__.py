"""coopkg: a linked-data knowledge graph of cooperation projects."""

__version__ = "0.1.0"
