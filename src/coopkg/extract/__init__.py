"""Extraction: a source document (text or HTML) → a record (record format v1) with evidence.

Entry point: `extract_text(text, file_name, language)` (and `extract_file(path)`), in
`record.py`. Each field has a module of its own: `titles`, `programmes`, `dates`, `money`,
`organisations`, `places`, `outcomes`; `document` holds the text model they share, and
`reading` turns files and URLs into text.
"""

from .record import extract_file, extract_text

__all__ = ["extract_file", "extract_text"]
