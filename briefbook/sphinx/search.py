"""Search in the Arabic edition. Sphinx has no Arabic search language: an Arabic build falls back to
English, whose word pattern splits a word at every vowel mark (``\\w`` does not match them, so
``تلمّح`` is indexed as ``تلم`` and ``ح``), and whose index keeps every surface form of a word
(``التصعيد``, ``والتصعيد``, ``تصعيد``), so that a bare noun misses the pages that have it with the
article.

:class:`SearchArabic` indexes the Arabic edition's words, and stems the reader's query, with the
same two steps in Python (the index) and in the page's JavaScript (the query):

1. :func:`normalise`, as Lucene's ``ArabicNormalizer``: vowel marks (tanwin, harakat, shadda,
   sukun, the superscript alef U+0670) and tatweel removed; أ إ آ written ا; ى written ي; ة
   written ه;
2. :func:`light_stem`, Larkey, Ballesteros and Connell's "light10" stemmer as Lucene's
   ``ArabicStemmer`` has it: one of the prefixes ال وال بال كال فال لل و, then each of the suffixes
   ها ان ات ون ين يه ه ي in turn, each only where two letters stay (three after و).

Snowball's Arabic stemmer (``snowballstemmer``, a dependency of Sphinx) is not used: it stems
``الميليشيات`` to ``ميليش`` but ``ميليشيات`` to ``ميليشيا``, and keeps ``والتصعيد`` whole, so a bare
plural would still miss the pages that have it with the article or a conjunction; and Sphinx ships
no JavaScript Arabic stemmer for the query. Arabic function words (:data:`STOPWORDS`) are not
indexed and are left out of a query. Latin words (the quotations stay in English) are stemmed as
in the English edition, by Sphinx's Porter stemmer on both sides. tests/test_search.py runs the
Python and the JavaScript steps on every Arabic word of the book's catalogs and compares.

The search page's own words ("Searching", "found N pages") come from Sphinx's JavaScript catalog
(``_static/translations.js``), which Sphinx takes from its own translations; :func:`interface_words`
adds the book's translations of them from ``locales/<language>/LC_MESSAGES/sphinx.po``.

Charts' SVG text is not indexed (:mod:`.inline` sets the SVG in a node the index does not read),
and the page text a result's summary is cut from leaves the charts out (:data:`JS_SUMMARY`).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from sphinx.search.en import SearchEnglish

from ..i18n import SOURCE
from .project import edition_language

# Lucene's ArabicNormalizer (and the superscript alef): the marks it removes and the letters it writes alike.
MARKS = "\u0640\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0670"  # tatweel, tanwin, harakat, shadda, sukun
LETTERS = {"\u0622": "\u0627", "\u0623": "\u0627", "\u0625": "\u0627", "\u0649": "\u064a", "\u0629": "\u0647"}
TABLE = str.maketrans({**dict.fromkeys(MARKS, None), **LETTERS})
ARABIC = re.compile("[\u0600-\u06ff]")

# Light10 (Lucene's ArabicStemmer), on normalised words (ة is already ه, so its ية and ة are يه and ه).
PREFIXES = ("ال", "وال", "بال", "كال", "فال", "لل", "و")
SUFFIXES = ("ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي")

# Arabic function words, normalised: particles, prepositions, pronouns, demonstratives, relatives and
# auxiliaries that say nothing a reader searches for. Not على (normalised علي, the name Ali) nor الى.
STOPWORDS = frozenset(
    "في من عن ان او ام ثم قد لقد لا لم لن ما ماذا مع هذا هذه ذلك تلك هؤلاء اولئك هنا هناك الذي التي الذين "
    "اللذان اللتان اللواتي هو هي هم هن هما انت انتم انا نحن كان كانت كانوا يكون تكون ليس ليست كل بعض غير "
    "بين بعد قبل حتي اذا اذ لكن بل حيث عند منذ لدي لدى كما كي لان ايضا فقط اي ايه الا اما وقد وهو وهي "
    "وفي ومن وان وما ولا ولم وكان وكانت فيه فيها منه منها عنه عنها به بها له لها لهم ذات".split()
)

# The same steps for the query, in the browser: the splitter normalises before it splits, as the
# index does; the stemmer leaves function words as they are and stems other Arabic words by light10,
# Latin ones by Porter.
JS_NORMALISE = """
const briefbookMarks = /[\\u0640\\u064b-\\u0652\\u0670]/g;
const briefbookLetters = {"\\u0622": "\\u0627", "\\u0623": "\\u0627", "\\u0625": "\\u0627", "\\u0649": "\\u064a", "\\u0629": "\\u0647"};
const briefbookNormalise = (text) =>
  text.replace(briefbookMarks, "").replace(/[\\u0622\\u0623\\u0625\\u0649\\u0629]/g, (c) => briefbookLetters[c]);
const briefbookPrefixes = PREFIXES;
const briefbookSuffixes = SUFFIXES;
const briefbookLightStem = (word) => {
  for (const prefix of briefbookPrefixes) {
    if (word.startsWith(prefix) && word.length >= (prefix.length === 1 ? 4 : prefix.length + 2)) {
      word = word.slice(prefix.length);
      break;
    }
  }
  for (const suffix of briefbookSuffixes) {
    if (word.endsWith(suffix) && word.length >= suffix.length + 2) word = word.slice(0, -suffix.length);
  }
  return word;
};
const briefbookArabicStem = (word) => {
  word = briefbookNormalise(word);
  return stopwords.includes(word) ? word : briefbookLightStem(word);
};
""".replace("PREFIXES", json.dumps(PREFIXES)).replace("SUFFIXES", json.dumps(SUFFIXES))
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
  this.stemWord = (word) => (/[\\u0600-\\u06ff]/.test(word) ? briefbookArabicStem(word) : porter.stemWord(word));
};
"""
# A result's summary is cut from the page's text (Sphinx's Search.htmlToText); the charts' drawn
# text (tick labels, legends) is left out of it, as it is out of the index.
JS_SUMMARY = """
if (typeof Search !== "undefined" && typeof Search.htmlToText === "function" && !Search.briefbookCharts) {
  const pageText = Search.htmlToText;
  Search.htmlToText = (htmlString, anchor) => {
    const page = new DOMParser().parseFromString(htmlString, "text/html");
    page.querySelectorAll("svg, .chart-variant").forEach((drawn) => drawn.remove());
    return pageText(page.documentElement.outerHTML, anchor);
  };
  Search.briefbookCharts = true;
}
"""


def normalise(text: str) -> str:
    """Arabic written as the index keeps it (vowel marks, tatweel and letter variants as above)."""
    return text.translate(TABLE)


def light_stem(word: str) -> str:
    """Light10 on a normalised word: one prefix, then each suffix in turn (Lucene's ArabicStemmer)."""
    for prefix in PREFIXES:
        if word.startswith(prefix) and len(word) >= (4 if len(prefix) == 1 else len(prefix) + 2):
            word = word[len(prefix) :]
            break
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) >= len(suffix) + 2:
            word = word[: -len(suffix)]
    return word


def arabic_stem(word: str) -> str:
    """An Arabic word as the index keeps it; a function word normalised only (and then not indexed)."""
    word = normalise(word)
    return word if word in STOPWORDS else light_stem(word)


class SearchArabic(SearchEnglish):
    lang = "ar"
    language_name = "Arabic"
    stopwords = SearchEnglish.stopwords | STOPWORDS
    js_stemmer_code = JS_NORMALISE + SearchEnglish.js_stemmer_code + JS_STEMMER + JS_SUMMARY
    js_splitter_code = JS_SPLITTER

    def split(self, input: str) -> list[str]:
        return self._word_re.findall(normalise(input))

    def stem(self, word: str) -> str:
        return arabic_stem(word) if ARABIC.search(word) else super().stem(word)

    def word_filter(self, word: str) -> bool:
        if ARABIC.search(word):  # Sphinx's own filter applies stop words to Latin words only
            return len(word) > 1 and word not in STOPWORDS
        return super().word_filter(word)


def sphinx_catalog(app) -> Path:
    from ..i18n import catalog_file
    from .project import root_of

    return catalog_file(root_of(app), app.config.language, "sphinx")


def interface_words(app, exception) -> None:
    """``build-finished``: the book's translations of the search page's words (``sphinx.po``) added
    to Sphinx's JavaScript catalog, ``_static/translations.js`` (Sphinx writes it from its own
    catalog only, where Arabic lacks "Searching" and "Search finished, found … page(s)…")."""
    if exception is not None or app.builder.format != "html" or edition_language(app.config) == SOURCE:
        return
    target = Path(app.outdir, "_static", "translations.js")
    catalog = sphinx_catalog(app)
    if not target.is_file() or not catalog.is_file():
        return
    from babel.messages.pofile import read_po

    with catalog.open("rb") as handle:
        ours = {m.id: m.string for m in read_po(handle) if m.id and isinstance(m.id, str) and m.string
                and not m.fuzzy}  # fmt: skip
    text = target.read_text(encoding="utf-8")
    start, end = text.index("{"), text.rindex("}")
    data = json.loads(text[start : end + 1])
    messages = data.setdefault("messages", {})
    changed = {key: value for key, value in ours.items() if key in messages and messages[key] != value}
    if not changed:
        return
    messages.update(changed)
    target.write_text(text[:start] + json.dumps(data, ensure_ascii=False, indent=4) + text[end + 1 :], encoding="utf-8")
