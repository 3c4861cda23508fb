"""Places: normalizing place names, parsing them into what comparisons need, and deciding
whether two events' places can be the same.

Deterministic, no LLM. A place text is folded (case, diacritics, punctuation, "the city of",
transliterations such as Kiev -> Kyiv), then parsed into a `PlaceRef`: the place itself, the
places its text says it lies in, the parts of a compound ("Kyiv and Kharkiv"), and its admin
level when its last word names one ("Central Aceh district"). `named_within` and
`places_compatible` answer from the texts alone.

Places form a hierarchy (facility ⊂ town ⊂ county ⊂ state ⊂ country): a place's `level` comes
from its admin word ("Aceh province"), its facility word ("the airport", "Memorial Hospital")
or the gazetteer (`text.gazetteer`: "Cypress" is a town in Texas, "Calif." a state), and
`place_within` answers whether one place lies in another from the texts and the gazetteer
together. Hospitals and clinics (`is_care_facility`) are where people were taken, never where
an incident happened.

The scorer (`evaluation.matching`) keeps its own place rule on purpose, so that a bug here
cannot cancel out in the score.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from summarizer.lazy import lazy_property
from summarizer.text.gazetteer import PLAIN_NAME, Level, fold, lookup

DEFAULT_PLACE_ALIASES: dict[str, str] = {
    "kiev": "kyiv",
    "kharkov": "kharkiv",
    "odessa": "odesa",
    "lvov": "lviv",
    "chernigov": "chernihiv",
    "nikolaev": "mykolaiv",
    "nikolayev": "mykolaiv",
    "zaporozhye": "zaporizhzhia",
    "dnepropetrovsk": "dnipro",
    "dnipropetrovsk": "dnipro",
    "oblast": "region",
    "nyc": "new york",
    "new york city": "new york",
}

_ADMIN_LEVELS: dict[str, int] = {
    "country": 0,
    "nation": 0,
    "state": 1,
    "province": 1,
    "region": 1,
    "governorate": 1,
    "prefecture": 1,
    "territory": 1,
    "county": 2,
    "district": 2,
    "regency": 2,
    "municipality": 2,
    "raion": 2,
    "parish": 2,
    "borough": 2,
    "city": 3,
    "town": 3,
    "village": 3,
    "neighborhood": 3,
    "neighbourhood": 3,
    "suburb": 3,
}
# A place that is not stated: it is a part of any total of its document, never a total itself.
_RESIDUAL = re.compile(
    r"^(?:an? )?(?:unspecified|unknown|unnamed|undisclosed|other) (?:locations?|places?|areas?)$"
)
# Words that point back at a place already named: no place of their own.
_ANAPHORA = {"the city", "the region", "the area", "the country", "the province", "the district", "there"}
_COMPOUND_SPLIT = re.compile(r"\s*(?:\band\b|&|/|\+)\s*")
_MAY_SPLIT = re.compile(r"and|[&/+]")  # what `_COMPOUND_SPLIT` needs, found faster than it
_COUNTED_COMPOUND = re.compile(
    r"^(?:across|in|from)?\s*(?:the\s+)?(two|three|four|both|all)\s+(?:cities|regions|towns|provinces|states|areas)$"
)


# Last words of a facility's name: a place inside a town ("Fort Lauderdale Airport", "the mall").
def _vocab(words: str) -> frozenset[str]:
    return frozenset(words.split())


FACILITY_WORDS = _vocab(
    """airport hospital center centre church mosque temple synagogue school stadium station mall
    hotel terminal park square plaza market bridge port harbor harbour base camp prison university
    college clinic nightclub club bar restaurant store supermarket factory plant mine office
    academy arena theater theatre cinema casino complex apartments"""
)
# Words of places people are taken to for care: never the place of the incident.
CARE_WORDS = _vocab("hospital hospitals clinic clinics infirmary medical trauma health morgue")
_COUNT_WORDS = {"two": 2, "both": 2, "three": 3, "four": 4}
_PREFIXES = ("the city of ", "city of ", "the town of ", "town of ", "the ")
_APOSTROPHES = re.compile(r"[’'`´.]")
_NOT_NAME = re.compile(r"[^\w,()&/+]+")
_PARENTHESIZED = re.compile(r"\(([^()]*)\)")
_WITHIN_WORD = re.compile(r"^(.+?) (?:in|of|near) (.+)$")
_BOTH_ACROSS = re.compile(r"^(?:both|across) ")


def normalize_place_text(text: str, aliases: dict[str, str]) -> str:
    """Case, diacritics, punctuation, 'the city of', aliases; admin words are kept."""
    if PLAIN_NAME.match(text):  # words and single spaces (most names): nothing to fold but case
        folded = text.lower()
    else:
        if text.isascii():  # no diacritics to fold: the common case, and NFKD is the slow step
            folded = text.lower()
        else:
            folded = unicodedata.normalize("NFKD", text)
            folded = "".join(ch for ch in folded if not unicodedata.combining(ch)).lower()
        folded = _APOSTROPHES.sub("", folded)
        # Whitespace is not a name character, so each run of it is already one space here.
        folded = _NOT_NAME.sub(" ", folded).strip(" ,")
    if folded.startswith(_PREFIXES):  # else none of them can start it after another is cut
        for prefix in _PREFIXES:
            if folded.startswith(prefix) and len(folded) > len(prefix):
                folded = folded[len(prefix) :]
    words = aliases.get(folded, folded).split()
    if aliases.keys().isdisjoint(words):  # most names: no word to replace
        return " ".join(words)
    return " ".join([aliases.get(word, word) for word in words])


@dataclass(frozen=True)
class PlaceRef:
    """A place as written, parsed into what the comparisons need.

    `head` is the place itself, `containers` the places its text says it lies in, innermost
    first ("collapsed mosque, Blang Mancung village (Central Aceh district)" -> head "collapsed
    mosque", containers ("blang mancung village", "central aceh district")); `components` are
    the parts of a compound place ("Kyiv and Kharkiv"), sorted.
    """

    text: str
    head: str
    containers: tuple[str, ...] = ()
    components: tuple[str, ...] = ()
    residual: bool = False
    counted: int | None = None  # "across the two cities": a compound whose parts the event names

    @lazy_property
    def key(self) -> str:
        if self.components:
            return " + ".join(self.components)
        return ", ".join((self.head, *self.containers))

    @lazy_property
    def words(self) -> tuple[str, ...]:
        return tuple(self.head.split())

    @lazy_property
    def level(self) -> int | None:
        """The admin word's level, else a facility's, else the gazetteer's most specific reading."""
        words = self.words
        if len(words) > 1 and words[-1] in _ADMIN_LEVELS:
            return _ADMIN_LEVELS[words[-1]]
        if words and (words[-1] in FACILITY_WORDS or any(w in CARE_WORDS for w in words)):
            return int(Level.FACILITY)
        known = lookup(self.head)
        return int(max(k.level for k in known)) if known else None

    @lazy_property
    def widest_level(self) -> int | None:
        """Like `level`, but the gazetteer's biggest reading: "Florida" is a state (and a town)."""
        words = self.words
        if len(words) > 1 and words[-1] in _ADMIN_LEVELS:
            return _ADMIN_LEVELS[words[-1]]
        known = lookup(self.head)
        return int(min(k.level for k in known)) if known else self.level

    @lazy_property
    def admin_level(self) -> int | None:
        """The level its admin word says ("Aceh province": a state), else None."""
        words = self.words
        return _ADMIN_LEVELS.get(words[-1]) if len(words) > 1 else None

    @lazy_property
    def within(self) -> frozenset[str]:
        """Keys of every place this one lies in, by its text and by the gazetteer."""
        found: set[str] = set()
        for name in (self.head, " ".join(self.core), *self.containers):
            found.update(key for known in lookup(name) for key in known.within)
        found.update(self.containers)
        found.update(" ".join(container_ref((c,)).core) for c in self.containers)
        return frozenset(found - {self.head, ""})

    @lazy_property
    def names(self) -> frozenset[str]:
        """What another place's text can find this one by: its whole names (its own, its key, its
        containers' and their chains, its parts', those of the places it lies in: `within`) and
        the words of its name without the admin word (`core`)."""
        chains = (", ".join(self.containers[i:]) for i in range(len(self.containers)))
        whole = (self.head, self.key, " ".join(self.core), *self.containers, *chains, *self.components)
        return frozenset((*whole, *self.within, *self.core))

    @lazy_property
    def mentions(self) -> frozenset[str]:
        """What this place's text can find another by: its `names` and every word of its own
        and its containers' names. Two places that can be one (`_same_place_possible`) always
        have one's `names` meet the other's `mentions`: each of its rules finds a whole name,
        or the words of a name's `core`, in the other's text."""
        words = (word for text in (self.head, *self.containers) for word in text.split())
        return self.names.union(words)

    @lazy_property
    def care(self) -> bool:
        """A hospital or clinic: where people were taken, not where the incident was."""
        return is_care_facility(self.head)

    @lazy_property
    def core(self) -> tuple[str, ...]:
        """The name without its admin word: 'central aceh district' -> ('central', 'aceh')."""
        words = self.words
        return words[:-1] if self.admin_level is not None else words


@lru_cache(maxsize=1 << 14)
def container_ref(containers: tuple[str, ...]) -> PlaceRef:
    """The place a text names as a container, itself inside the containers after it. Remembered,
    so that the gazetteer is asked about each container once, not once per comparison."""
    return PlaceRef(text=containers[0], head=containers[0], containers=containers[1:])


def parse_place(text: str | None, aliases: dict[str, str]) -> PlaceRef | None:
    if text is None:
        return None
    normalized = normalize_place_text(text, aliases)
    if not normalized or normalized in _ANAPHORA or f"the {normalized}" in _ANAPHORA:
        return None
    if _RESIDUAL.match(normalized) or normalized in {"unspecified", "unknown"}:
        return PlaceRef(text=text, head=normalized, residual=True)
    if found := _COUNTED_COMPOUND.match(normalized):
        return PlaceRef(text=text, head=normalized, counted=_COUNT_WORDS.get(found[1]))
    if "(" in normalized:
        outer = _PARENTHESIZED.findall(normalized)
        rest = _PARENTHESIZED.sub(" ", normalized)
    else:  # no parenthesis, nothing for the patterns to find: most names
        outer, rest = [], normalized
    if "," in rest:
        pieces = [p.strip() for p in rest.split(",") if p.strip()]
    else:  # one piece: most names
        pieces = [piece] if (piece := rest.strip()) else []
    head = pieces[0] if pieces else normalized
    inner = pieces[1:]
    # " in ", " of " or " near " between two words, checked before the pattern: most names lack them
    if (" in " in head or " of " in head or " near " in head) and (found := _WITHIN_WORD.match(head)):
        head, inner = found[1], [found[2], *inner]
    containers = [c for c in (" ".join(x.split()) for x in [*inner, *outer]) if c] if inner or outer else []
    if not containers and _MAY_SPLIT.search(head):
        parts = [p for p in _COMPOUND_SPLIT.split(_BOTH_ACROSS.sub("", head)) if p]
        if len(parts) > 1:
            return PlaceRef(text=text, head=head, components=tuple(sorted(set(parts))))
    return PlaceRef(text=text, head=head, containers=tuple(containers))


# Parsed places by alias table, shared by every parser of the process: reconciling 100,000
# claims parses some 30,000 distinct place texts, and linking, a later run or extraction asks
# for the same ones again. A `PlaceRef` is an immutable value, so one object serves every caller.
_PARSED: dict[tuple[tuple[str, str], ...], dict[str, PlaceRef | None]] = {}
_PARSED_LIMIT = 1 << 16  # texts kept per alias table (a long batch stays bounded); past it, afresh


def place_parser(aliases: dict[str, str]) -> Callable[[str | None], PlaceRef | None]:
    """`parse_place` with its answers remembered: a run repeats the same few place names."""
    table = tuple(sorted(aliases.items()))
    cache = _PARSED.setdefault(table, {})
    aliases = dict(table)  # its own copy: the answers kept must stay those of this table

    def parse(text: str | None) -> PlaceRef | None:
        if text is None:
            return None
        try:
            return cache[text]
        except KeyError:
            if len(cache) >= _PARSED_LIMIT:
                cache.clear()
            found = cache[text] = parse_place(text, aliases)
            return found

    return parse


def is_care_facility(text: str) -> bool:
    """ "Memorial Hermann Hospital", "Broward Health Medical Center", "a clinic": care, not incident."""
    words = normalize_place_text(text, {}).split()
    return any(w in CARE_WORDS for w in words)


def place_within(inner: PlaceRef, outer: PlaceRef) -> bool:
    """`inner` lies in `outer`: by the texts (`named_within`) or by the gazetteer ("Cypress" in
    "Texas", "Harris County" in "United States"); a place never lies in itself."""
    if inner.components or outer.components or inner.head == outer.head:
        return named_within(inner, outer)
    if named_within(inner, outer):
        return True
    if inner.level is not None and outer.widest_level is not None and inner.level <= outer.widest_level:
        return False
    return outer.head in inner.within or " ".join(outer.core) in inner.within


def _name_within(inner: PlaceRef, outer: PlaceRef) -> bool:
    """`outer`'s name (without admin word) appears as whole words inside `inner`'s longer name."""
    small, big = outer.core, inner.words
    # `small[0] not in big`: a test in C first, as most pairs of names share no word
    if not small or len(small) >= len(big) or inner.head == outer.head or small[0] not in big:
        return False
    return any(big[i : i + len(small)] == small for i in range(len(big) - len(small) + 1))


def named_within(inner: PlaceRef, outer: PlaceRef) -> bool:
    """What the place texts themselves say about `inner` lying in `outer`.

    - a component of a compound place lies in it ("Kyiv" in "Kyiv and Kharkiv");
    - a place qualified by a container lies in it ("Takengon (Central Aceh district)",
      "hospitals in Bener Meriah district", "Cypress, Texas" in "Texas"), and in what that
      container lies in;
    - a place of a lower admin level whose name holds the other's name lies in it ("Central
      Aceh district" in "Aceh province"); both levels must be known, so "West Virginia" is not
      put inside "Virginia".
    """
    if outer.components:
        return inner.key in outer.components or inner.head in outer.components
    for container in inner.containers:
        if container in (outer.head, outer.key):
            return True
    if inner.containers and named_within(container_ref(inner.containers), outer):
        return True
    # The names before the levels: a level may ask the gazetteer.
    return (
        _name_within(inner, outer)
        and inner.level is not None
        and outer.level is not None
        and inner.level > outer.level
    )


def places_compatible(
    a: Sequence[PlaceRef], b: Sequence[PlaceRef], memo: dict[tuple[int, int], bool] | None = None
) -> bool:
    """Whether two events' places can describe the same event.

    Compatible when either side names no place (date and kind then decide), when a place is
    shared (same head), when one lies in the other by its text (`named_within`), or when one
    place's full name starts or is contained in the other's longer name ("Fort Lauderdale-
    Hollywood International Airport" vs "Fort Lauderdale, Florida": a site named after the
    city it is in). The last rule is loose on purpose: it only gates events that already agree
    on date and kind. `memo` remembers the answer per pair of places (by identity: the caller
    keeps the places alive while it uses the memo), for callers that compare the same few
    places many times.
    """
    if not a or not b:
        return True
    # Neither side's texts name the other's places: no two of them can be one place
    # (`PlaceRef.mentions`), and the many pairs of unrelated places are told apart at once.
    names_a, names_b = frozenset().union(*(p.names for p in a)), frozenset().union(*(q.names for q in b))
    mentions_a = frozenset().union(*(p.mentions for p in a))
    mentions_b = frozenset().union(*(q.mentions for q in b))
    if names_a.isdisjoint(mentions_b) and names_b.isdisjoint(mentions_a):
        return False
    for p in a:
        for q in b:
            if memo is None:
                if _same_place_possible(p, q):
                    return True
                continue
            key = (id(p), id(q)) if id(p) < id(q) else (id(q), id(p))  # the answer is symmetric
            if (found := memo.get(key)) is None:
                found = memo[key] = _same_place_possible(p, q)
            if found:
                return True
    return False


def _located(ref: PlaceRef) -> bool:
    """The gazetteer or the text says what or where this place is: a known town, county, state
    or country, a place its text puts inside another ("Vessa Hills district, Norland"), or one
    its admin word makes a province or a district."""
    if ref.components or ref.residual:
        return False
    return ref.admin_level is not None or bool(lookup(ref.head)) or bool(ref.within)


def _same_place_possible(p: PlaceRef, q: PlaceRef) -> bool:
    return (
        p.head == q.head
        or place_within(p, q)
        or place_within(q, p)
        or p.head in q.components
        or q.head in p.components
        or _name_within(p, q)
        or _name_within(q, p)
    )


def _regions(ref: PlaceRef) -> dict[int, set[str]]:
    """The states and countries a place is or lies in, by level."""
    found: dict[int, set[str]] = {Level.COUNTRY: set(), Level.STATE: set()}
    own = [k for name in {ref.head, " ".join(ref.core)} for k in lookup(name) if k.level <= Level.STATE]
    for known in own:
        found[known.level].add(fold(known.name))
    if not own and ref.admin_level is not None and ref.admin_level <= Level.STATE:
        found[ref.admin_level].add(" ".join(ref.core))
    for key in ref.within:
        for known in lookup(key):
            if known.level <= Level.STATE and fold(known.name) == key:
                found[known.level].add(key)
    return found


def _disjoint(p: PlaceRef, q: PlaceRef) -> bool:
    """Known to be two places: two states or two countries ("Aceh province" and "Papua
    province"), or places in different states or countries. Two towns of one state are not (a
    suburb is reported by its city's name), nor a town and a county of one state (the gazetteer
    does not say which county a town is in)."""
    if _same_place_possible(p, q):
        return False
    if p.level is not None and p.level == q.level and p.level <= Level.STATE:
        return True
    regions_p, regions_q = _regions(p), _regions(q)
    return any(
        regions_p[level] and regions_q[level] and not regions_p[level] & regions_q[level]
        for level in (Level.COUNTRY, Level.STATE)
    )


def _coarse(ref: PlaceRef) -> bool:
    """A state or a country: too large for two reports naming it to be of one event."""
    return ref.level is not None and ref.level <= Level.STATE


def places_disagree(a: Sequence[PlaceRef], b: Sequence[PlaceRef]) -> bool:
    """Two events' places that cannot be one place, by what is known of where they lie.

    Only located places count (`_located`: the gazetteer knows them, or the text puts them in
    another place); a name nothing is known of ("the Gulf", a street) never tells two events
    apart. A country is too coarse to make two events one: when both sides name places finer
    than a country, those decide ("Aceh province" and "Manokwari" disagree although both are
    in Indonesia); otherwise every located place does ("Athens" and "Brooklyn" disagree, "Greece"
    and "Athens" do not). They disagree when no two of them can be one place and some two are
    known to be different (`_disjoint`). A place finer than a state that both name, located or
    not, is where they meet ("Lunenburg" and "Lunenburg County"): the other places a lede names
    (a hospital's town, a town the gazetteer knows only in another state) never outweigh it.
    """
    if any(_same_place_possible(p, q) for p in a if not _coarse(p) for q in b if not _coarse(q)):
        return False
    known_a = [p for p in a if _located(p)]
    known_b = [q for q in b if _located(q)]
    if not known_a or not known_b:
        return False
    fine_a = [p for p in known_a if p.level != Level.COUNTRY]
    fine_b = [q for q in known_b if q.level != Level.COUNTRY]
    if fine_a and fine_b:
        known_a, known_b = fine_a, fine_b
    pairs = [(p, q) for p in known_a for q in known_b]
    return not any(_same_place_possible(p, q) for p, q in pairs) and any(_disjoint(p, q) for p, q in pairs)
