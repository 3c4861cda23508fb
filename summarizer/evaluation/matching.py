"""The scorer's matching rules for places, speakers and quotes: exact after normalization, no slack.

Kept apart from reconcile's place rules on purpose, so that a bug in the pipeline's
normalization cannot cancel out in its own score. Each rule is asserted on hand-made pairs in
tests/evaluation/test_matching.py.

- **Places** match when they name the same set of places after normalization: case, accents
  and punctuation set aside; joining words ("and", "the", "of"...) and place-type words
  ("city", "county", "area", "region", "province"...) dropped; a small alias table applied per
  word (Kiev = Kyiv, TX = Texas). Never because the words of one are a subset of the other's:
  "Texas" is not "Cypress, Texas", "Odesa" is not "Kharkiv and Odesa", "Cypress" is not
  "Cypress, Texas". Order does not matter: "Kharkiv and Odesa" is "Odesa, Kharkiv".
- **Speakers** match on the full name, or on an alias of the same person: the gold quote's
  role ("Harris County Sheriff" for Adrian Garcia). Titles and honorifics ("President",
  "Sheriff", "Mr.") are set aside, and word by word spellings may differ by transliteration
  (each word at least 85 similar: Zelensky = Zelenskyy), but both names need the same number of
  words: a shared surname is not enough ("Zelensky" is not "Volodymyr Zelensky", "John Smith"
  is not "Jane Smith"), nor is a subset of words ("family spokesman" is not "Timmons family
  spokesman").
- **Quotes** (and annotated non-quotes, with the same rule) match when, with curly quotes,
  dashes and whitespace made plain (case kept), one text contains the other and the longer is
  at most 1.5 times the shorter; or, for placed spans, when one span contains the other under
  the same bound. So a span that swallows two quotations, or a fragment of one, is an error.
"""

from __future__ import annotations

import re
import unicodedata

from rapidfuzz import fuzz

from summarizer.schemas import Span

# --------------------------------------------------------------------------- words

_WORD = re.compile(r"[a-z0-9]+")


def words(text: str) -> list[str]:
    """Lower-case ASCII words: accents stripped, punctuation dropped."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _WORD.findall(plain.casefold())


# --------------------------------------------------------------------------- places

# Transliterations and abbreviations seen in news copy; one canonical spelling each.
PLACE_ALIASES: dict[str, str] = {
    "kiev": "kyiv",
    "kharkov": "kharkiv",
    "odessa": "odesa",
    "lvov": "lviv",
    "dnepr": "dnipro",
    "dnipropetrovsk": "dnipro",
    "zaporozhye": "zaporizhzhia",
    "zaporizhia": "zaporizhzhia",
    "zaporozhzhia": "zaporizhzhia",
    "nikolaev": "mykolaiv",
    "mykolayiv": "mykolaiv",
    "chernigov": "chernihiv",
    "tx": "texas",
    "fla": "florida",
    "ft": "fort",
    "st": "saint",
}

# Words that join or decorate place names without naming a place.
PLACE_FILLER = frozenset({"the", "and", "of", "in", "at", "on", "a", "an", "s"})

# Words that say what kind of place a name is, not which place.
PLACE_TYPES = frozenset(
    {
        "city",
        "town",
        "village",
        "county",
        "parish",
        "borough",
        "area",
        "region",
        "regional",
        "province",
        "district",
        "oblast",
        "state",
        "municipality",
        "neighborhood",
        "neighbourhood",
        "metro",
        "metropolitan",
        "greater",
    }
)


def place_key(place: str) -> frozenset[str]:
    """The words that name the place(s), after normalization."""
    return frozenset(
        PLACE_ALIASES.get(w, w) for w in words(place) if w not in PLACE_FILLER and w not in PLACE_TYPES
    )


def places_match(a: str, b: str) -> bool:
    """The same place or set of places after normalization; never by subset."""
    key = place_key(a)
    return bool(key) and key == place_key(b)


# --------------------------------------------------------------------------- speakers

# Titles and honorifics that precede a name without being part of it.
SPEAKER_TITLES = frozenset(
    {
        "the",
        "a",
        "an",
        "s",
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
        "rev",
        "president",
        "vice",
        "prime",
        "minister",
        "mayor",
        "governor",
        "gov",
        "sheriff",
        "deputy",
        "chief",
        "police",
        "officer",
        "sgt",
        "sergeant",
        "lt",
        "capt",
        "captain",
        "det",
        "detective",
        "senator",
        "sen",
        "rep",
        "representative",
        "judge",
        "general",
        "gen",
    }
)
NAME_WORD_SIMILARITY = 85  # rapidfuzz ratio per word: Zelensky = Zelenskyy = Zelenskiy


def name_words(name: str) -> list[str]:
    found = words(name)
    kept = [w for w in found if w not in SPEAKER_TITLES]
    return kept or found  # "the sheriff" alone stays a name of its own


def same_name(a: str, b: str) -> bool:
    wa, wb = name_words(a), name_words(b)
    if not wa or len(wa) != len(wb):
        return False
    return all(fuzz.ratio(x, y) >= NAME_WORD_SIMILARITY for x, y in zip(wa, wb, strict=True))


def speakers_match(gold: str, output: str, gold_role: str | None = None) -> bool:
    """The full name, or the gold speaker's role as an alias of the same person."""
    return same_name(gold, output) or (gold_role is not None and same_name(gold_role, output))


# --------------------------------------------------------------------------- quotes

QUOTE_LENGTH_BOUND = 1.5  # the longer of two matching quotes is at most this times the shorter

_QUOTE_CHARS = str.maketrans(
    {
        "‘": "'",
        "’": "'",
        "‚": "'",
        "‛": "'",
        "′": "'",
        "“": '"',
        "”": '"',
        "„": '"',
        "‟": '"',
        "″": '"',
        "–": "-",
        "—": "-",
        "‐": "-",
        "‑": "-",
        "…": "...",
    }
)
_SPACES = re.compile(r"\s+")


def normalize_quote_text(text: str) -> str:
    """Curly quotes, dashes and runs of whitespace made plain; case is kept (it is evidence)."""
    return _SPACES.sub(" ", text.translate(_QUOTE_CHARS)).strip()


def _within_bound(shorter: int, longer: int) -> bool:
    return shorter > 0 and longer <= QUOTE_LENGTH_BOUND * shorter


def texts_match(gold: str, output: str) -> bool:
    """One normalized text holds the other, and is at most 1.5 times as long."""
    g, o = normalize_quote_text(gold), normalize_quote_text(output)
    if not g or not o:
        return False
    if g in o:
        return _within_bound(len(g), len(o))
    if o in g:
        return _within_bound(len(o), len(g))
    return False


def spans_match(gold: Span, output: Span) -> bool:
    """One placed span contains the other, and is at most 1.5 times as long."""
    if gold.start is None or gold.end is None or output.start is None or output.end is None:
        return False
    g, o = gold.end - gold.start, output.end - output.start
    if output.start <= gold.start and gold.end <= output.end:
        return _within_bound(g, o)
    if gold.start <= output.start and output.end <= gold.end:
        return _within_bound(o, g)
    return False


def quotes_match(gold_text: str, gold_span: Span | None, output_text: str, output_span: Span) -> bool:
    """The quote rule, for gold quotes and annotated non-quotes alike."""
    return texts_match(gold_text, output_text) or (
        gold_span is not None and spans_match(gold_span, output_span)
    )
