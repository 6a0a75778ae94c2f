"""Drawing help for a book's ``figures/`` modules (each with ``TABLES``, ``draw(data, medium)``,
``alt_text(data, language)``, ``rows(data, language)``): :mod:`.style`, :mod:`.words`, :mod:`.svg`, :mod:`.output`."""
