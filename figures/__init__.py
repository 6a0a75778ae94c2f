"""The book's figures, one module a figure (see briefbook.figures)."""
