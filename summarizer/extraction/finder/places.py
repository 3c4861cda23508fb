"""Places: names a cue marks as places ("in X", "X province", "strikes on X", "City, State", a
dateline), every mention of them, which the text puts inside which, the incident's places
(narrowest first, by the text and the gazetteer) and the places of a figure's own sentence.

A figure's place is where the counted people were: a hospital or a place people were taken to
is never one; a sentence that names no place leaves it to the incident's; a container of the
incident's place (its state, county or country) stands for the incident's place."""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from summarizer.extraction.finder.names import ORG_WORDS, TITLES, last_title
from summarizer.extraction.finder.tokens import CALENDAR, STOP_CAPS, US_STATES, Text, vocab
from summarizer.extraction.finder.types import ClaimCandidate
from summarizer.text.gazetteer import Level, capital_of, lookup, us_state
from summarizer.text.places import (
    CARE_WORDS,
    DEFAULT_PLACE_ALIASES,
    FACILITY_WORDS,
    PlaceRef,
    is_care_facility,
    normalize_place_text,
    place_parser,
    place_within,
)

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
    war invasion east west north south eastern western northern southern central"""
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
    for name in _dateline(view):
        names[name] = None
    mentions = _place_mentions(view, names)
    return Places(mentions, _containment(view, mentions), _destinations(view, mentions))


# A dateline opens a report with its place in capitals: "HOUSTON (AP) —", "CYPRESS, Texas —".
_DATELINE = re.compile(
    r"^\s*(?P<town>[A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+){0,3})(?:, (?P<state>[A-Z][\w.]+(?: [A-Z][\w.]+)?))?"
    r"\s*(?:\([\w .-]+\))?\s*(?:—|–|--|-)\s"
)


def _dateline(view: Text) -> list[str]:
    """The dateline's town (as written) and its state, from the first lines of the report."""
    for sentence in view.sentences[:4]:
        found = _DATELINE.match(view.sentence_text(sentence.index))
        if found is not None and found["town"] not in {"UPDATE", "BREAKING", "WATCH", "VIDEO"}:
            state = found["state"]
            return [found["town"], *([state] if state and us_state(state) else [])]
    return []


# Verbs of moving people somewhere: "taken to X", "rushed to X", "airlifted to X".
_MOVED = vocab(
    """taken rushed transported airlifted flown brought transferred driven evacuated sent moved
    carried admitted treated hospitalized hospitalised"""
)


def _destinations(view: Text, mentions: Sequence[_PlaceMention]) -> set[int]:
    """Offsets of mentions that are where people were moved or treated ("taken to X", "treated
    at X", "admitted to X"): not where they were when it happened."""
    found: set[int] = set()
    for mention in mentions:
        k = view.token_at(mention.start) - 1
        while k >= 0 and view.tokens[k].low in _DIRECTIONS:
            k -= 1
        if view.low(k) in {"to", "at", "in"} and view.low(k - 1) in _MOVED:
            found.add(mention.start)
    return found


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
            if _names_a_care_facility(view, match.end()):
                continue  # "Cypress Fairbanks Medical Center": a hospital named after the place
            actor = following is not None and following.low in _ACTOR_VERBS
            found.append(
                _PlaceMention(name, match.start(), match.end(), view.sentence_of(match.start()), actor)
            )
    return sorted(found, key=lambda m: m.start)


def _names_a_care_facility(view: Text, end: int) -> bool:
    """The capitalized words right after a place name end in a care word: the name is a
    hospital's ("Lakeside Memorial Hospital", "Lakeside Health Medical Center")."""
    k = view.token_at(end)
    while k < len(view.tokens) and view.joined(k - 1, k) and view.tokens[k].is_cap:
        if view.tokens[k].bare in CARE_WORDS:
            return True
        k += 1
    return False


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
    destinations: set[int] = field(default_factory=set)  # starts of "taken to X" mentions

    @property
    def locations(self) -> list[_PlaceMention]:
        """Mentions that can be where something happened: not an attacker, not a hospital,
        not where people were taken."""
        return [
            m
            for m in self.mentions
            if not m.actor and m.start not in self.destinations and not is_care_facility(m.name)
        ]

    def main(self, first_sentence: int) -> list[str]:
        """The incident's places: those of its first mention and the two sentences after (the
        most frequent place when they name none), narrowest first: a place the text or the
        gazetteer puts another of them in goes after it."""
        names = list(
            dict.fromkeys(
                m.name for m in self.locations if first_sentence <= m.sentence <= first_sentence + 2
            )
        )
        if not names:
            names = [name for name, _ in Counter(m.name for m in self.locations).most_common(1)]
        return narrow_first(names, self.inside)


def narrow_first(names: list[str], inside: set[tuple[str, str]]) -> list[str]:
    """`names` narrowest first: a place that contains another of them (by the text's "X in Y",
    a US state, the gazetteer, or a bigger level of the same state) goes after the places it
    contains. When the narrowest are several places apart ("Kyiv and Kharkiv") and one of the
    names contains them all ("Ukraine"), that one comes first: the incident as a whole."""
    parse = place_parser(DEFAULT_PLACE_ALIASES)
    refs = {n: parse(n) for n in names}

    def encloses(outer: str, inner: str) -> bool:
        big, small = refs[outer], refs[inner]
        if outer == inner or (inner, outer) in inside:
            return outer != inner
        if big is None or small is None:
            return False
        return _encloses(big, small)

    containers = {n for n in names if n in US_STATES or any(encloses(n, m) for m in names)}
    narrow = [n for n in names if n not in containers]
    wide = [n for n in names if n in containers]
    # the container of most of the narrowest places, the narrowest such container on a tie
    spans = {w: sum(encloses(w, n) for n in narrow) for w in wide}
    common = [w for w in wide if spans[w] >= 2]
    if common:
        first = max(common, key=lambda w: (spans[w], -sum(encloses(w, c) for c in common)))
        return [first, *narrow, *(w for w in wide if w != first)]
    return narrow + wide


def _encloses(big: PlaceRef, small: PlaceRef) -> bool:
    return place_within(small, big) or _same_state_bigger(big, small)


def _same_state_bigger(big: PlaceRef, small: PlaceRef) -> bool:
    """A county named with a town of the same state ("Harris County" and "Cypress", both in
    Texas by the gazetteer): for one incident, the town lies in the county."""
    if big.level is None or small.level is None or big.level >= small.level or big.level < 2:
        return False
    return bool(big.within & small.within - {"united states"})


def places_near(places: Places, sentence: int, start: int, end: int) -> list[str]:
    """Places of the figure's own sentence by distance, a place before the places that contain
    it; a sentence that names none gives none (the incident's place is the labeller's default)."""
    same = [m for m in places.locations if m.sentence == sentence]
    same.sort(key=lambda m: min(abs(m.start - end), abs(start - m.end)))
    return _inner_first(list(dict.fromkeys(m.name for m in same)), places.inside)


def incident_places(near: list[str], main: list[str]) -> list[str]:
    """A figure's places with each container of the incident's place (its state, county or
    country: "Texas" for a shooting in Cypress) replaced by the incident's place."""
    if not main:
        return near
    parse = place_parser(DEFAULT_PLACE_ALIASES)
    incident = parse(main[0])
    if incident is None:
        return near
    # the incident's place and those of its places that contain it: "Lakeside" for "Lakeside
    # Airport", so that "Ohio" contains the airport through its town
    chain = [incident, *(r for p in main[1:] if (r := parse(p)) is not None and _encloses(r, incident))]
    replaced = []
    for name in near:
        ref = parse(name)
        inside = ref is not None and any(_encloses(ref, inner) for inner in chain)
        replaced.append(main[0] if inside else name)
    return list(dict.fromkeys(replaced))


# "the Cypress area of Houston", "the Riverside neighborhood of Dayton", "Maple Grove, a suburb
# of Minneapolis": the article names the site by the bigger place around it, so its figures
# "in Houston" are the site's.
_NAME = r"[A-Z][\w'.-]*(?:\s+[A-Z][\w'.-]*){0,3}"
_AREA_OF = re.compile(
    rf"\b(?P<inner>{_NAME})(?:\s+|-)(?:area|neighbou?rhood|section|suburbs?|community)\s+of\s+(?P<outer>{_NAME})"
    rf"|\b(?P<inner2>{_NAME}),\s+an?\s+(?:\w+\s+)?(?:suburb|neighbou?rhood)\s+of\s+(?P<outer2>{_NAME})"
)
_POSSESSIVE_END = re.compile(r"['’]s?$")
_ARTICLES = ("The ", "A ", "An ")


def area_of(text: str) -> dict[str, str]:
    """Container -> site, for each site a text names by the place around it: "the Cypress area
    of Houston's suburbs" gives {"Houston": "Cypress"}."""
    pairs: dict[str, str] = {}
    for found in _AREA_OF.finditer(text):
        inner = found["inner"] or found["inner2"]
        outer = _POSSESSIVE_END.sub("", found["outer"] or found["outer2"])
        for article in _ARTICLES:
            inner = inner.removeprefix(article)
        if inner and outer and inner != outer and inner not in _ARTICLES:
            pairs.setdefault(outer, inner)
    return pairs


def _name_words(name: str) -> list[str]:
    return normalize_place_text(name, DEFAULT_PLACE_ALIASES).replace("-", " ").split()


def facility_names(names: Iterable[str]) -> dict[str, str]:
    """Short name -> full name, for each facility a text names both ways: news shortens a
    facility's name after its first mention ("Lakeside-Hillview Regional Airport", then "Lakeside
    Airport"). Same last word, and every word of the short name in the full one."""
    known = list(dict.fromkeys(names))
    words = {n: _name_words(n) for n in known}
    found: dict[str, str] = {}
    for short in known:
        ws = words[short]
        if len(ws) < 2 or ws[-1] not in FACILITY_WORDS or is_care_facility(short):
            continue
        longer = [
            n
            for n in known
            if len(words[n]) > len(ws) and words[n][-1] == ws[-1] and set(ws) <= set(words[n])
        ]
        if longer:
            found[short] = max(longer, key=lambda n: len(words[n]))
    return found


def facility_of_town(main: Sequence[str], places: Places) -> str | None:
    """A facility named after the incident's town ("Lakeside Airport" when the town is Lakeside):
    the narrower place of the same incident, where the town is all the lede says. Hospitals and
    places people were taken to are not one."""
    if not main:
        return None
    town = _name_words(main[0])
    parse = place_parser(DEFAULT_PLACE_ALIASES)
    ref = parse(main[0])
    if ref is None or ref.level is None or ref.level >= Level.FACILITY:
        return None
    for mention in places.locations:
        ws = _name_words(mention.name)
        if len(ws) > len(town) and ws[: len(town)] == town and ws[-1] in FACILITY_WORDS:
            return mention.name
    return None


# "the capital", "the country's capital": the capital of the country the article is about.
_THE_CAPITAL = re.compile(r"\bthe\s+(?:(?:country|nation)['’]s\s+)?capital\b(?!\s+(?:of|city\s+of)\b)", re.I)


def the_capital(claims: list[ClaimCandidate], places: Places) -> list[ClaimCandidate]:
    """A figure whose sentence names no place but "the capital" is the capital's, when the
    article names a country and its capital (by the gazetteer): "6,000 buildings in the capital"
    of an article about Norway and Oslo is Oslo's."""
    named = list(dict.fromkeys(m.name for m in places.mentions))
    capitals = [
        capital
        for name in named
        if any(k.level == Level.COUNTRY for k in lookup(name))
        and (capital := capital_of(name)) is not None
        and capital in named
    ]
    if len(set(capitals)) != 1:
        return claims
    return [
        c.model_copy(update={"places": [capitals[0]]})
        if not c.places and _THE_CAPITAL.search(c.sentence_text)
        else c
        for c in claims
    ]


# "the district", "his province", "the county": an administrative area of that kind named before
# ("the city" is left alone: it is most often the incident's own town, already its place).
_THE_KIND = re.compile(r"\b(?:the|his|her|their|its)\s+(district|province|county|region)\b(?!\s+of\b)", re.I)


def the_kind_named_before(claims: list[ClaimCandidate], places: Places) -> list[ClaimCandidate]:
    """A figure whose sentence names no place but "the district" ("at least 25 of the injured in
    his district") is the place the article named last before it that can be a district: news
    refers back to a place by its kind."""
    parse = place_parser(DEFAULT_PLACE_ALIASES)
    resolved = []
    for claim in claims:
        found = None if claim.places else _THE_KIND.search(claim.sentence_text)
        if found is not None:
            kind = parse(f"a {found[1].lower()}")
            level = kind.admin_level if kind is not None else None
            # the last place before it that can be of that kind: not a bigger one ("Aceh province"
            # for "the district"); a name the gazetteer does not know may be
            earlier = [
                m.name
                for m in places.locations
                if m.sentence < claim.sentence
                and level is not None
                and ((ref := parse(m.name)) is None or ref.level is None or ref.level >= level)
            ]
            if earlier:
                claim = claim.model_copy(update={"places": [earlier[-1]]})
        resolved.append(claim)
    return resolved
