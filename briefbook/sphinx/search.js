// Arabic search in the browser (briefbook.sphinx.search, which puts this file in Sphinx's
// language_data.js): the query normalised and stemmed as the index was (PREFIXES and SUFFIXES are
// the Python's), Latin words by Sphinx's Porter stemmer; a result's summary (Sphinx's
// Search.htmlToText) leaves out the charts' drawn text, as the index does.
const bbNormalise = (text) => text.replace(/[\u0640\u064b-\u0652\u0670]/g, "")
  .replace(/[\u0622\u0623\u0625]/g, "\u0627").replace(/\u0649/g, "\u064a").replace(/\u0629/g, "\u0647");
const bbArabicStem = (word) => {
  word = bbNormalise(word);
  if (stopwords.includes(word)) return word;
  const prefix = PREFIXES.find((p) => word.startsWith(p) && word.length >= (p.length === 1 ? 4 : p.length + 2));
  if (prefix) word = word.slice(prefix.length);
  for (const s of SUFFIXES) if (word.endsWith(s) && word.length >= s.length + 2) word = word.slice(0, -s.length);
  return word;
};
var PorterStemmer = Stemmer;
Stemmer = function () {
  const porter = new PorterStemmer();
  this.stemWord = (word) => (/[\u0600-\u06ff]/.test(word) ? bbArabicStem(word) : porter.stemWord(word));
};
if (typeof Search !== "undefined" && Search.htmlToText && !Search.bbCharts) {
  const pageText = Search.htmlToText;
  Search.htmlToText = (html, anchor) => {
    const page = new DOMParser().parseFromString(html, "text/html");
    page.querySelectorAll("svg, .chart-variant").forEach((drawn) => drawn.remove());
    return pageText(page.documentElement.outerHTML, anchor);
  };
  Search.bbCharts = true;
}

function splitQuery(query) {
  return bbNormalise(query).split(/[^\p{Letter}\p{Number}_\p{Emoji_Presentation}]+/gu).filter((term) => term);
}
