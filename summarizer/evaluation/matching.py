"""The scorer's matching rules for places, speakers and quotes: exact after normalization, no slack.

Kept apart from reconcile's place rules on purpose, so that a bug in the pipeline's
normalization cannot cancel out in its own score. Each rule is asserted on hand-made pairs in
tests/evaluation/test_matching.py.

- **Places** match when they name the same place(s) at the same level. Each side is read as
  a list of places, each a name with the places it is said to lie in: "Cypress, Texas" is
  Cypress in Texas, "Takengon (Central Aceh district)" and "hospitals in Bener Meriah district"
  name Takengon and the hospitals; "Kyiv and Kharkiv" is two places; a comma list of places the
  gazetteer knows as the same level ("Odesa, Kharkiv": two cities) is a list, not a container.
  Names are compared after normalization: case, accents and punctuation set aside; joining
  words ("and", "the", "of"...) and place-type words ("city", "county", "area", "region",
  "province"...) dropped; a small alias table applied per word (Kiev = Kyiv, Ft = Fort) and
  US state abbreviations read as the state (TX, Tex. = Texas). Two places match when their
  names are equal and the containers one states are among the other's: "Cypress" is "Cypress,
  Texas" (the same town, its state unsaid), "Cypress, TX" is "Cypress, Texas", but "Cypress,
  California" is not. Never by a container or a part: "Texas" is not "Cypress, Texas", "Odesa"
  is not "Kharkiv and Odesa", "Aceh province" is not "Central Aceh district". Order does not
  matter: "Kharkiv and Odesa" is "Odesa and Kharkiv".
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
from summarizer.text.gazetteer import lookup, us_state

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
    found = words(state_name(place))
    return frozenset(PLACE_ALIASES.get(w, w) for w in found if w not in PLACE_FILLER and w not in PLACE_TYPES)


def state_name(text: str) -> str:
    """A US state's abbreviation read as the state ("TX", "Tex." -> "Texas"); else the text."""
    return us_state(text) or text


_COMPOUND = re.compile(r"\s+(?:and|&)\s+|\s*/\s*")
_QUALIFIED = re.compile(r"^(.+?)\s+(?:in|of|near)\s+(.+)$")

ScoredPlace = tuple[frozenset[str], frozenset[frozenset[str]]]  # (name, containers)


def _one_place(text: str) -> ScoredPlace | None:
    outer = re.findall(r"\(([^()]*)\)", text)
    pieces = [p.strip() for p in re.sub(r"\([^()]*\)", " ", text).split(",") if p.strip()]
    if not pieces:
        return None
    head, inner = pieces[0], pieces[1:]
    if found := _QUALIFIED.match(head):
        head, inner = found[1], [found[2], *inner]
    name = place_key(head)
    if not name:
        return None
    containers = frozenset(k for k in (place_key(c) for c in [*inner, *outer]) if k)
    return name, containers


def _same_level_list(pieces: list[str]) -> bool:
    """ "Odesa, Kharkiv": every piece a place the gazetteer knows, all of one level."""
    levels = [{k.level for k in lookup(p)} for p in pieces]
    return len(pieces) > 1 and all(levels) and len(set.intersection(*levels)) > 0


def scored_places(place: str) -> list[ScoredPlace]:
    """The places a place text names, each with the containers it states."""
    plain = re.sub(r"\([^()]*\)", " ", place)
    pieces = [p.strip() for p in plain.split(",") if p.strip()]
    if "(" not in place and _same_level_list(pieces):
        parts = pieces
    elif len(pieces) <= 1 and "(" not in place and not _QUALIFIED.match(plain.strip()):
        parts = [p for p in _COMPOUND.split(place) if p.strip()]
    else:
        parts = [place]
    found = [_one_place(p) for p in parts]
    return [p for p in found if p is not None]


def _place_matches(a: ScoredPlace, b: ScoredPlace) -> bool:
    return a[0] == b[0] and (a[1] <= b[1] or b[1] <= a[1])


def places_match(a: str, b: str) -> bool:
    """The same place(s): equal names, the containers one states among the other's; never by a
    container or a part (see the module docstring)."""
    pa, pb = scored_places(a), scored_places(b)
    if not pa or len(pa) != len(pb):
        return False
    rest = list(pb)
    for place in pa:
        match = next((other for other in rest if _place_matches(place, other)), None)
        if match is None:
            return False
        rest.remove(match)
    return True


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
