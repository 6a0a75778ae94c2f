extensions = ["myst_parser", "sphinxcontrib.bibtex", "briefbook.sphinx"]
bibtex_bibfiles = ["references.bib"]
exclude_patterns = ["_build"]
html_theme = "basic"
briefbook_validate = False  # the test's own translations of the data (tests/test_i18n_cards.py)
briefbook_table_words = {"quotations": "statements"}  # the register says what it lists
