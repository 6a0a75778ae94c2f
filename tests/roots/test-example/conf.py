extensions = ["myst_parser", "sphinxcontrib.bibtex", "briefbook.sphinx"]
bibtex_bibfiles = ["references.bib"]
exclude_patterns = ["_build"]
html_theme = "basic"
project = "Speeches of a small council"
briefbook_languages = ["en"]
