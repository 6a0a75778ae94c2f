"""Search in Arabic: index and query (search.js) stemmed alike by Lucene's normaliser and light10."""

import json
import re
from pathlib import Path

from sphinx.search.en import SearchEnglish

from ..i18n import catalog_file, translation
from ..languages import ARABIC_LETTERS
from .project import project_of

# Lucene's ArabicNormalizer (with the superscript alef): marks removed, letters written alike, as the index keeps them.
MARKS = "\u0640\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0670"  # tatweel, tanwin, harakat, shadda, sukun
LETTERS = {"\u0622": "\u0627", "\u0623": "\u0627", "\u0625": "\u0627", "\u0649": "\u064a", "\u0629": "\u0647"}
NORMALISE = str.maketrans({**dict.fromkeys(MARKS, None), **LETTERS})
ARABIC = re.compile(f"[{ARABIC_LETTERS}]")
# Light10 (Lucene's ArabicStemmer), on normalised words (ة is already ه, so its ية and ة are يه and ه).
PREFIXES = ("ال", "وال", "بال", "كال", "فال", "لل", "و")
SUFFIXES = ("ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي")
STOPWORDS = frozenset(  # Arabic function words, normalised (not على, normalised علي, the name Ali, nor الى)
    "في من عن ان او ام ثم قد لقد لا لم لن ما ماذا مع هذا هذه ذلك تلك هؤلاء اولئك هنا هناك الذي التي الذين "
    "اللذان اللتان اللواتي هو هي هم هن هما انت انتم انا نحن كان كانت كانوا يكون تكون ليس ليست كل بعض غير "
    "بين بعد قبل حتي اذا اذ لكن بل حيث عند منذ لدي لدى كما كي لان ايضا فقط اي ايه الا اما وقد وهو وهي "
    "وفي ومن وان وما ولا ولم وكان وكانت فيه فيها منه منها عنه عنها به بها له لها لهم ذات".split()
)
JS = Path(__file__).with_name("search.js").read_text(encoding="utf-8")
JS = JS.replace("PREFIXES", json.dumps(PREFIXES)).replace("SUFFIXES", json.dumps(SUFFIXES))


def arabic_stem(word: str) -> str:
    """Light10 on the normalised word (one prefix, then each suffix in turn); a function word as it is."""
    word = word.translate(NORMALISE)
    if word in STOPWORDS:
        return word
    prefix = next((p for p in PREFIXES if word.startswith(p) and len(word) >= (4 if len(p) == 1 else len(p) + 2)), "")
    word = word[len(prefix) :]
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) >= len(suffix) + 2:
            word = word[: -len(suffix)]
    return word


class SearchArabic(SearchEnglish):
    lang = "ar"
    language_name = "Arabic"
    stopwords = SearchEnglish.stopwords | STOPWORDS
    js_stemmer_code = SearchEnglish.js_stemmer_code + JS

    def split(self, input: str) -> list[str]:
        return super().split(input.translate(NORMALISE))  # no vowel mark is left to split a word

    def stem(self, word: str) -> str:
        return arabic_stem(word) if ARABIC.search(word) else super().stem(word)

    def word_filter(self, word: str) -> bool:  # Sphinx's own filter applies stop words to Latin words only
        return super().word_filter(word) and word not in self.stopwords and not (ARABIC.search(word) and len(word) < 2)


def interface_words(app, exception) -> None:
    """``build-finished``: the book's translations (``sphinx.po``) in Sphinx's ``_static/translations.js``."""
    target, root, language = Path(app.outdir, "_static", "translations.js"), project_of(app).root, app.config.language
    if exception or not target.is_file() or not catalog_file(root, language, "sphinx").is_file():
        return
    ours, text = translation(language, root, "sphinx"), target.read_text(encoding="utf-8")
    start, end = text.index("{"), text.rindex("}") + 1
    data = json.loads(text[start:end])
    data["messages"] |= {key: found for key in data["messages"] if (found := ours.gettext(key)) != key}
    target.write_text(text[:start] + json.dumps(data, ensure_ascii=False, indent=4) + text[end:], encoding="utf-8")
