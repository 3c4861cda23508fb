"""Places: names a cue marks as places ("in X", "X province", "strikes on X", "City, State"),
every mention of them, which the text puts inside which, and the places near an offset."""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from summarizer.extraction.finder.names import ORG_WORDS, TITLES, last_title
from summarizer.extraction.finder.speech import SPEAKER_REACH
from summarizer.extraction.finder.tokens import CALENDAR, STOP_CAPS, US_STATES, Text, vocab

# Titles of an office over a place: "Kyiv Mayor", "Florida Gov.", "Harris County Sheriff".
_JURISDICTION_TITLES = vocab("mayor governor gov sheriff premier president police")


# Capitalized last words of a facility: a place when one is "at" or "to" it.
_FACILITY_WORDS = vocab(
    """airport hospital center centre church mosque temple synagogue school stadium station mall
    hotel terminal park square street drive road avenue plaza market bridge port harbor harbour
    base camp prison university college clinic"""
)
# Lower-case words after a place name that belong to it: "Aceh province", "Chernihiv region".
_PLACE_SUFFIXES = vocab(
    """region province district county city village town oblast state island islands area
    prefecture municipality governorate neighborhood neighbourhood suburb township borough
    settlement"""
)
_PLACE_SUFFIX_CAPS = frozenset(s.capitalize() for s in _PLACE_SUFFIXES if s not in {"area", "town"})
# Prepositions after which a capitalized run is a place.
PLACE_PREPOSITIONS = frozenset(
    ["in", "across", "near", "outside", "throughout", "off", "into", "towards", "toward", "inside"]
)
_DIRECTIONS = vocab(
    """the northern southern eastern western central northwest northeast southwest southeast north
    south east west neighbouring neighboring nearby downtown rural suburban western"""
)
# Words after which "on X", or a capitalized object, is the target of an attack: "strikes on Kyiv".
_STRIKE_WORDS = vocab(
    """strike strikes attack attacks assault assaults raid raids shelling bombardment struck hit
    hits targeting targeted target striking pounded shelled hitting rocked"""
)
# Verbs whose subject is the one who attacked: "Russia launched", "Moscow struck".
_ACTOR_VERBS = vocab(
    """launched launches launch struck strikes attacked attacks fired fires shelled pounded
    targeted targets bombed invaded hit hits"""
)
# Lower-case words after "X's" that make X a place: "Ukraine's air force", "Kyiv's military".
_PLACE_POSSESSIONS = vocab(
    """air capital military government foreign defense defence interior energy power armed army
    navy police security border economy infrastructure territory president prime largest
    second-largest biggest national regional emergency health population cities people citizens
    resilience delegation war invasion east west north south eastern western northern southern
    central latest remaining"""
)


_DEMONYM = re.compile(r"(?:ian|ean|ese|ish|can|ch|ians|eans)$")


_Accept = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class _PlaceMention:
    name: str
    start: int
    end: int
    sentence: int
    actor: bool  # the subject of an attack verb ("Russia launched"): who acted, not where


def find_places(view: Text, person_words: set[str]) -> Places:
    """Places named by a cue anywhere in the document, then every mention of those names;
    runs made only of `person_words` (the words of people's names) are not places."""
    names: dict[str, None] = {}

    def accept(first: int, last: int, suffix: str | None = None) -> None:
        name = _place_name(view, first, last, person_words)
        if name is not None:
            names[f"{name} {suffix}" if suffix else name] = None

    for run in view.runs:
        first, last = run.first, run.last
        if view.headline[view.tokens[first].sentence]:
            continue
        # "Indonesia's Aceh province": the possessor is a place, the rest a run of its own.
        for k in range(first, last - 1):
            if view.tokens[k].possessive:
                accept(first, k + 1)
                first = k + 1
        after = view.tok(last)
        if after is not None and view.joined(last - 1, last) and after.low in _PLACE_SUFFIXES:
            accept(first, last, after.low)
        if view.tokens[last - 1].base in _PLACE_SUFFIX_CAPS and last - first >= 2:
            accept(first, last)
        if _place_cue_before(view, first, last):
            accept(first, last)
            _accept_coordinated(view, last, accept)
        if view.tokens[last - 1].possessive and last < len(view.tokens):
            following = view.tokens[last]
            if following.low in _PLACE_POSSESSIONS or following.bare in TITLES:
                accept(first, last)
        _state_after(view, first, last, accept)
        title = last_title(view, first, last)
        if title is not None and title > first and title + 1 < last:
            # "Kyiv Mayor Vitali Klitschko", "Harris County Sheriff Adrian Garcia": the office's place.
            leading = first
            while leading < title and view.tokens[leading].bare not in TITLES:
                leading += 1
            if leading > first and view.tokens[leading].bare in _JURISDICTION_TITLES:
                accept(first, leading)
    mentions = _place_mentions(view, names)
    return Places(mentions, _containment(view, mentions))


def _place_name(view: Text, first: int, last: int, person_words: set[str]) -> str | None:
    tokens = view.tokens[first:last]
    while tokens and tokens[0].low in STOP_CAPS:
        tokens = tokens[1:]
    if not tokens or len(tokens) > 5:
        return None
    if any(t.bare in CALENDAR or t.bare in TITLES for t in tokens):
        return None
    if any(t.base.lower() in ORG_WORDS for t in tokens) and tokens[-1].base.lower() not in _FACILITY_WORDS:
        return None
    if len(tokens) == 1 and (
        (tokens[0].is_acronym and "." not in tokens[0].text) or _DEMONYM.search(tokens[0].base)
    ):
        return None
    if all(t.base in person_words for t in tokens):
        return None
    text = view.text[tokens[0].start : tokens[-1].end]
    return text[: len(text) - (len(tokens[-1].text) - len(tokens[-1].base))]


def _place_cue_before(view: Text, first: int, last: int) -> bool:
    """ "in X", "across the X", "near northwest X", "strikes on X", "at X Airport", "from X to Y"."""
    k = first - 1
    while (
        k >= 0
        and view.tokens[k].low in _DIRECTIONS
        and view.tokens[k].sentence == view.tokens[first].sentence
    ):
        k -= 1
    cue = view.tok(k)
    if cue is None or cue.sentence != view.tokens[first].sentence:
        return False
    if cue.low in PLACE_PREPOSITIONS or cue.low == "from":
        return True
    if cue.low == "on":
        return view.low(k - 1) in _STRIKE_WORDS
    if cue.low in {"at", "to"}:
        return view.tokens[last - 1].base.lower() in _FACILITY_WORDS
    return cue.low in _STRIKE_WORDS and cue.low not in {"target", "strike", "attack", "raid"}


def _accept_coordinated(view: Text, last: int, accept: _Accept) -> None:
    """ "in Kyiv and Kharkiv", "across Poltava, Sumy, Dnipro, Odesa, and Kharkiv", "from X to Y"."""
    k = last
    while True:
        joiners = 0
        while view.low(k) in {",", "and", "&", "to", "or"} and joiners < 2:
            k += 1
            joiners += 1
        token = view.tok(k)
        if joiners == 0 or token is None or not (token.is_word and token.is_cap):
            return
        run_last = k + 1
        while (
            run_last < len(view.tokens)
            and view.joined(run_last - 1, run_last)
            and view.tokens[run_last].is_cap
        ):
            run_last += 1
        accept(k, run_last)
        k = run_last


def _state_after(view: Text, first: int, last: int, accept: _Accept) -> None:
    """ "Cypress, Texas", "Senecaville, Ohio": a place followed by a US state."""
    if view.low(last) != ",":
        return
    state = view.tok(last + 1)
    if state is None:
        return
    two = view.span_text(last + 1, last + 3) if last + 3 <= len(view.tokens) else ""
    if state.text in US_STATES or two in US_STATES:
        width = 2 if two in US_STATES else 1
        accept(first, last)
        accept(last + 1, last + 1 + width)


def _place_mentions(view: Text, names: Iterable[str]) -> list[_PlaceMention]:
    """Every occurrence of every place name; where names overlap the longest wins."""
    found: list[_PlaceMention] = []
    taken: list[tuple[int, int]] = []
    for name in sorted(names, key=len, reverse=True):
        for match in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", view.text):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            taken.append(match.span())
            following = view.tok(view.token_at(match.end()))
            actor = following is not None and following.low in _ACTOR_VERBS
            found.append(
                _PlaceMention(name, match.start(), match.end(), view.sentence_of(match.start()), actor)
            )
    return sorted(found, key=lambda m: m.start)


_INSIDE_POSSESSOR = re.compile(r"[’']s\s+")  # "Indonesia's Aceh province"
_INSIDE_IN = re.compile(r"\s+in\s+(?:the\s+)?|,\s+")  # "Bukit Sama village in Central Aceh district"


def _containment(view: Text, mentions: Sequence[_PlaceMention]) -> set[tuple[str, str]]:
    """(inner, outer) pairs the text states: "X's Y", "Y in X", "Y, <US state>"."""
    pairs: set[tuple[str, str]] = set()
    for a, b in itertools.pairwise(mentions):
        if a.name == b.name:
            continue
        if _INSIDE_POSSESSOR.fullmatch(view.text, a.end, b.start):
            pairs.add((b.name, a.name))
            continue
        match = _INSIDE_IN.fullmatch(view.text, a.end, b.start)
        if match is not None and ("," not in match.group() or b.name in US_STATES):
            pairs.add((a.name, b.name))
    return pairs


def _inner_first(names: list[str], inside: set[tuple[str, str]]) -> list[str]:
    """`names` with every place moved after the places the text puts inside it."""
    ordered = list(names)
    for inner, outer in inside:
        if inner in ordered and outer in ordered and ordered.index(outer) < ordered.index(inner):
            ordered.remove(outer)
            ordered.insert(ordered.index(inner) + 1, outer)
    return ordered


@dataclass(frozen=True, slots=True)
class Places:
    mentions: list[_PlaceMention]
    inside: set[tuple[str, str]]  # (inner, outer)

    @property
    def locations(self) -> list[_PlaceMention]:
        return [m for m in self.mentions if not m.actor]

    def main(self, first_sentence: int) -> list[str]:
        """The incident's places: those of its first mention and the two sentences after,
        narrow before broad (a place the text puts others in, or a US state, goes last)."""
        names = list(
            dict.fromkeys(
                m.name for m in self.locations if first_sentence <= m.sentence <= first_sentence + 2
            )
        )
        if not names:
            names = [name for name, _ in Counter(m.name for m in self.locations).most_common(1)]
        containers = {outer for _, outer in self.inside} | US_STATES
        return [n for n in names if n not in containers] + [n for n in names if n in containers]


def places_near(places: Places, sentence: int, start: int, end: int) -> list[str]:
    """Places of the same sentence by distance (a place before the places that contain it),
    then those of the one or two sentences before, nearest first."""
    same = [m for m in places.locations if m.sentence == sentence]
    same.sort(key=lambda m: min(abs(m.start - end), abs(start - m.end)))
    earlier = [m for m in places.locations if sentence - SPEAKER_REACH <= m.sentence < sentence]
    earlier.sort(key=lambda m: -m.start)
    nearest = _inner_first(list(dict.fromkeys(m.name for m in same)), places.inside)
    return list(dict.fromkeys([*nearest, *(m.name for m in earlier)]))
