"""Printable reports (PDF, DOCX, HTML) from one report-data dict; see `contract` for its shape."""
