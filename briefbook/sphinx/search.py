"""Search in the Arabic edition. Sphinx has no Arabic search language: an Arabic build falls back to
English, whose word pattern splits a word at every vowel mark (``\\w`` does not match them, so
``تلمّح`` is indexed as ``تلم`` and ``ح``), and whose query splitter in the browser does the same.

:class:`SearchArabic` indexes the Arabic edition's words normalised as Lucene's
``ArabicNormalizer`` does (vowel marks and tatweel removed; أ إ آ written ا; ى written ي; ة
written ه), in the index and in the query alike (the same rules in Python and in the page's
JavaScript), so that a reader's ``الخزعلي`` finds ``الخزعلي`` however either is vocalised. There is
no Arabic stemmer on both sides (Snowball's Arabic stemmer exists in Python only); a word with a
prefix (``والخزعلي``) is found by Sphinx's own partial matching. Latin words (the quotations stay
in English) are stemmed as in the English edition, by Sphinx's Porter stemmer on both sides.
"""

from __future__ import annotations

import re

from sphinx.search.en import SearchEnglish

# Lucene's ArabicNormalizer: the marks it removes and the letters it writes alike.
MARKS = "\u0640\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652"  # tatweel, tanwin, harakat, shadda, sukun
LETTERS = {"\u0622": "\u0627", "\u0623": "\u0627", "\u0625": "\u0627", "\u0649": "\u064a", "\u0629": "\u0647"}
TABLE = str.maketrans({**dict.fromkeys(MARKS, None), **LETTERS})
ARABIC = re.compile("[\u0600-\u06ff]")

# The same rules for the query, in the browser: the splitter normalises before it splits, as
# the index does; the stemmer leaves Arabic words as they are and stems Latin ones (Porter).
JS_NORMALISE = """
const briefbookMarks = /[\\u0640\\u064b-\\u0652]/g;
const briefbookLetters = {"\\u0622": "\\u0627", "\\u0623": "\\u0627", "\\u0625": "\\u0627", "\\u0649": "\\u064a", "\\u0629": "\\u0647"};
const briefbookNormalise = (text) =>
  text.replace(briefbookMarks, "").replace(/[\\u0622\\u0623\\u0625\\u0649\\u0629]/g, (c) => briefbookLetters[c]);
"""
JS_SPLITTER = """
function splitQuery(query) {
  return briefbookNormalise(query)
    .split(/[^\\p{Letter}\\p{Number}_\\p{Emoji_Presentation}]+/gu)
    .filter((term) => term);
}
"""
JS_STEMMER = """
var PorterStemmer = Stemmer;
Stemmer = function () {
  const porter = new PorterStemmer();
  this.stemWord = (word) => (/[\\u0600-\\u06ff]/.test(word) ? briefbookNormalise(word) : porter.stemWord(word));
};
"""


def normalise(text: str) -> str:
    """Arabic written as the index keeps it (vowel marks, tatweel and letter variants as above)."""
    return text.translate(TABLE)


class SearchArabic(SearchEnglish):
    lang = "ar"
    language_name = "Arabic"
    js_stemmer_code = JS_NORMALISE + SearchEnglish.js_stemmer_code + JS_STEMMER
    js_splitter_code = JS_SPLITTER

    def split(self, input: str) -> list[str]:
        return self._word_re.findall(normalise(input))

    def stem(self, word: str) -> str:
        return normalise(word) if ARABIC.search(word) else super().stem(word)


def register(app) -> None:
    app.add_search_language(SearchArabic)
