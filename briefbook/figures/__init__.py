"""Drawing help for a book's ``figures/`` modules (``TABLES``, ``draw``, ``alt_text``, ``rows``, ``chart``)."""
