"""The metric vocabulary shared by extraction, reconciliation and evaluation (no LLM).

A metric is a snake_case name for what a number counts: `killed`, `injured`, `drones_launched`.
`normalize_metric` maps what a model or an annotator writes ("wounded", "death toll",
"Hospitalised") onto the canonical names, so that claims compare across documents.
`metric_from_context` guesses the metric of a number phrase from the words around it in its
sentence: the rules-only labeller and the candidate generator use it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from summarizer.text.quantities import find_quantities

# --------------------------------------------------------------------------- canonical names

_PROJECTILE_METRICS = tuple(
    f"{weapon}_{outcome}"
    for weapon in ("drones", "missiles")
    for outcome in ("launched", "struck", "intercepted")
)
_STRUCTURE_METRICS = tuple(
    f"{structure}_{outcome}" for structure in ("buildings", "houses") for outcome in ("damaged", "destroyed")
)

_CASUALTY_METRICS: tuple[str, ...] = (
    "killed",
    "injured",
    "dead_including_suspect",
    "children_killed",
    "children_injured",
    "suspects_killed",
    "suspects_injured",
    "officers_killed",
    "officers_injured",
    "shot",
    "injured_by_gunshot",
    "injured_non_gunshot",
    "seriously_injured",
    "critical_condition",
    "intensive_care",
    "good_condition",
    "stable_condition",
    "hospitalized",
    "hospitalized_gunshot",
    "missing",
    "victims",
    "casualties",
)
# People counted who are not casualties: trapped, moved, arrested, or simply there.
_OTHER_PEOPLE_METRICS = ("trapped", "rescued", "evacuated", "displaced", "arrested", "suspects", "attendees")

#: Every canonical metric, casualties first. Names outside this list are allowed (a model may
#: find a new kind of count); `normalize_metric` then keeps them snake_cased.
CANONICAL_METRICS: tuple[str, ...] = (
    *_CASUALTY_METRICS,
    *_OTHER_PEOPLE_METRICS,
    "shots_fired",
    "magazines_emptied",
    *_PROJECTILE_METRICS,
    *_STRUCTURE_METRICS,
    "people_without_power",
    "households_without_power",
    "buildings_without_power",
    "percent_without_power",
    "people_without_heating",
    "buildings_without_heating",
    "magnitude",
)

#: Metrics that count people killed, hurt or missing: what "casualty figures" means.
CASUALTY_METRICS: frozenset[str] = frozenset(_CASUALTY_METRICS)

#: Metrics that count people of any kind (casualties, evacuees, suspects, crowds).
PEOPLE_METRICS: frozenset[str] = CASUALTY_METRICS | {
    *_OTHER_PEOPLE_METRICS,
    "people_without_power",
    "people_without_heating",
}

# --------------------------------------------------------------------------- normalization

_CANONICAL_SET = frozenset(CANONICAL_METRICS)


def _phrases(table: dict[str, str]) -> dict[str, str]:
    """{metric: "phrase | phrase"} to {phrase: metric}: tables read by metric, looked up by phrase."""
    return {phrase.strip(): metric for metric, phrases in table.items() for phrase in phrases.split("|")}


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# What models and annotators write, in lower-case words, to the canonical name.
_SYNONYMS: dict[str, str] = _phrases(
    {
        "killed": "kill | kills | killing | dead | death | deaths | died | die | dies | dying"
        " | fatalities | fatality | fatally | slain | perished | deceased | toll | death toll | lives lost"
        " | number of dead | number killed | confirmed dead | confirmed deaths | shot dead | shot and killed"
        " | shot to death | gunned down | dead people | lost their lives",
        "injured": "injure | injures | injuring | injury | injuries | wounded | wound | wounds | wounding"
        " | hurt | hurting | hurts | number injured | number of injured | people wounded",
        "hospitalized": "hospitalised | hospitalization | hospitalizations | hospitalisation"
        " | hospitalisations | hospitalizing | hospitalising | taken to hospital | taken to the hospital"
        " | taken to hospitals"
        " | transported to hospital | transported to hospitals | admitted to hospital | in hospital"
        " | treated in hospital | hospital admissions | brought to hospital",
        "hospitalized_gunshot": "gunshot victims hospitalized | gunshot patients"
        " | hospitalized with gunshot wounds",
        "shot": "people shot | shootings",
        "injured_by_gunshot": "gunshot wounds | gunshot wound | gunshot injuries | injured by gunshot"
        " | injured by gunfire | treated for gunshot wounds | shot and wounded | wounded by gunfire",
        "injured_non_gunshot": "non gunshot injuries | other injuries | injured non gunshot",
        "seriously_injured": "seriously wounded | severely injured | severely wounded | badly injured"
        " | serious injuries | serious condition",
        "critical_condition": "critical | critically injured | critically wounded | in critical condition",
        "intensive_care": "icu | in intensive care",
        "good_condition": "in good condition",
        "stable_condition": "stable | in stable condition",
        "children_killed": "child deaths | killed children | dead children | children dead",
        "children_injured": "injured children | wounded children",
        "dead_including_suspect": "dead including gunman | dead including shooter",
        "missing": "unaccounted | unaccounted for | missing persons | disappeared",
        "victims": "victim | total victims",
        "casualties": "casualty",
        "trapped": "buried | trapped under rubble | under the rubble",
        "rescued": "rescues | rescue",
        "evacuated": "evacuees | evacuation | evacuations | evacuate",
        "displaced": "homeless | idps | internally displaced | left homeless",
        "arrested": "arrest | arrests | detained | detentions | detainees | taken into custody",
        "suspects": "suspect | gunman | gunmen | attacker | attackers | shooter | shooters | perpetrator"
        " | perpetrators | assailant | assailants",
        "attendees": "attendance | attended | guests | partygoers | people present | present | crowd"
        " | crowd size | participants",
        "shots_fired": "shots | rounds | rounds fired | gunshots | bullets fired",
        "magazines_emptied": "magazines | clips emptied",
        "drones_launched": "drones | drones fired | uavs launched | shaheds launched | drone launches",
        "drones_struck": "drones hit | drone hits | drones impacted",
        "drones_intercepted": "drones shot down | drones downed | drones destroyed",
        "missiles_launched": "missiles | missiles fired | rockets | rockets fired | rockets launched",
        "missiles_struck": "missiles hit | missile hits | rockets hit",
        "missiles_intercepted": "missiles shot down | missiles downed | rockets intercepted",
        "buildings_damaged": "damaged buildings | structures damaged | damaged structures"
        " | houses and buildings damaged",
        "houses_damaged": "homes damaged | damaged houses | damaged homes",
        "buildings_destroyed": "destroyed buildings | structures destroyed",
        "houses_destroyed": "homes destroyed | destroyed houses | destroyed homes",
        "people_without_power": "without power | without electricity | lost power | power outages"
        " | power outage | people without electricity | left without power | blackouts",
        "households_without_power": "homes without power | households without electricity"
        " | homes without electricity",
        "people_without_heating": "without heating | without heat | people without heat",
        "buildings_without_heating": "buildings without heat | buildings left without heating",
        "magnitude": "earthquake magnitude | quake magnitude | richter",
    }
)

# Words that say nothing about what is counted: "number of people killed" is "killed".
_FILLER = _word_set(
    "a an the number of total people persons person civilians reported confirmed officially estimated"
    " were was have has been are is at least more than"
)


def _words(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def normalize_metric(text: str) -> str:
    """The canonical metric for `text`; an unknown metric comes back snake_cased.

    Canonical names map to themselves, so normalizing twice changes nothing.
    """
    words = _words(text)
    snake = words.replace(" ", "_")
    if snake in _CANONICAL_SET:
        return snake
    if snake.replace("hospitalised", "hospitalized") in _CANONICAL_SET:
        return snake.replace("hospitalised", "hospitalized")
    if words in _SYNONYMS:
        return _SYNONYMS[words]
    core = " ".join(w for w in words.split() if w not in _FILLER)
    if core.replace(" ", "_") in _CANONICAL_SET:
        return core.replace(" ", "_")
    if core in _SYNONYMS:
        return _SYNONYMS[core]
    return snake


# --------------------------------------------------------------------------- casualty words

#: Words that, next to a number, say it counts an incident's people or damage. For candidate
#: generation: a number near one of these is worth labelling.
CASUALTY_WORDS: frozenset[str] = frozenset(
    word for word, metric in _SYNONYMS.items() if metric in CASUALTY_METRICS and " " not in word
) | {metric for metric in CASUALTY_METRICS if "_" not in metric}

INCIDENT_WORDS: frozenset[str] = CASUALTY_WORDS | _word_set(
    "trapped rescued evacuated evacuees displaced homeless arrested detained suspects gunmen attackers"
    " shooters attended attendees guests present shots rounds magazines drones missiles rockets launched"
    " intercepted struck damaged destroyed collapsed flattened houses homes buildings power electricity"
    " heating magnitude"
)


def is_casualty_word(word: str) -> bool:
    """Whether one word ("wounded", "Fatalities", "dead") names a human casualty."""
    return word.lower().strip(".,;:!?\"'“”‘’") in CASUALTY_WORDS


def is_casualty_metric(metric: str) -> bool:
    return normalize_metric(metric) in CASUALTY_METRICS


#: Measures that say more about people a general measure counts: a condition of the injured
#: ("two critical", "16 with gunshot wounds", "25 in intensive care") or of those in hospital.
_CONDITIONS: dict[str, frozenset[str]] = {
    general: frozenset(
        {
            "critical_condition",
            "seriously_injured",
            "intensive_care",
            "good_condition",
            "stable_condition",
            "injured_by_gunshot",
            "injured_non_gunshot",
            "hospitalized_gunshot",
        }
    )
    for general in ("injured", "shot", "hospitalized")
}


def refines(specific: str, general: str) -> bool:
    """Whether `specific` is a condition of the people `general` counts: "critical_condition"
    refines "injured", "intensive_care" refines "hospitalized"."""
    return normalize_metric(specific) in _CONDITIONS.get(normalize_metric(general), frozenset())


#: Groups whose counts are a figure of their own ("two suspects killed" is not a rival of "three
#: people killed"); people and victims are the incident's general count.
SEPARATE_GROUPS: frozenset[str] = frozenset({"suspects", "officers", "children"})


def counted_metric(metric: str, group: str | None) -> str:
    """The slot a figure fills: its measure, qualified by who was counted when that group is
    counted apart ("suspects_killed", "children_injured"). Figures of different slots are never
    compared with each other."""
    measure = normalize_metric(metric)
    if group in SEPARATE_GROUPS and "_" not in measure:
        return normalize_metric(f"{group}_{measure}")
    return measure


# --------------------------------------------------------------------------- metric from context

_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*|\d+(?:[.,]\d+)*|[^\w\s]")
# Where the words about a number end.
_HARD_BOUNDARIES = frozenset({",", ";", ".", ":", "!", "?", "(", ")", "—", "–", '"', "“", "”"})
_CLAUSE_WORDS = _word_set(
    "but while although though when after before because including as since following amid during where"
    " whereas that which"
)
# Verbs that start a new predicate after "and" (besides any "-ing" or "-ed" word).
_PREDICATE_VERBS = _word_set(
    "left leave leaves hit struck took sent set made saw drew brought shot cut were was are is has have had"
)
_COORDINATORS = frozenset({"and", "or"})
_WINDOW = 12


class _Strength:
    """How much a keyword says about the count next to it; the strongest in the window wins."""

    CONDITION = 4  # "in intensive care", "critical condition", "gunshot wounds": the most specific
    STATE = 3  # "hospitalized"
    EVENT = 2  # "killed", "injured", "missing", "trapped"
    NOUN = 1  # "victims", "suspects", "shots": what is counted, not what happened


@dataclass(frozen=True, slots=True)
class _Keyword:
    words: tuple[str, ...]
    metric: str
    strength: int


def _keywords(tables: dict[int, dict[str, str]]) -> list[_Keyword]:
    keywords = [
        _Keyword(tuple(phrase.split()), metric, strength)
        for strength, table in tables.items()
        for phrase, metric in _phrases(table).items()
    ]
    return sorted(keywords, key=lambda k: len(k.words), reverse=True)  # longest match first


# Words of a sentence that say what a nearby number counts, by strength.
_KEYWORDS = _keywords(
    {
        _Strength.CONDITION: {
            "intensive_care": "intensive care | icu",
            "critical_condition": "critical condition | critically injured | critically wounded",
            "good_condition": "good condition",
            "stable_condition": "stable condition",
            "seriously_injured": "seriously injured | seriously wounded | severely injured"
            " | serious condition",
            "injured_by_gunshot": "gunshot wounds | gunshot wound",
        },
        _Strength.STATE: {"hospitalized": "hospitalized | hospitalised"},
        _Strength.EVENT: {
            "killed": "killed | kill | kills | killing | dead | death | deaths | died | die | dies"
            " | fatalities | fatality | slain | perished | toll | shot dead | shot and killed | shot to death"
            " | gunned down | death toll | lost their lives | number of dead",
            "injured": "injured | injuring | injuries | injury | wounded | wounding | wounds | hurt | hurting"
            " | number of injured",
            "shot": "shot",
            "missing": "missing | unaccounted",
            "trapped": "trapped | buried",
            "rescued": "rescued",
            "evacuated": "evacuated | evacuees",
            "displaced": "displaced | homeless",
            "arrested": "arrested | detained | arrests",
            "attendees": "present | attended | attendees | partygoers | guests",
            "suspects": "suspected",  # "two people suspected of being the gunmen"
        },
        _Strength.NOUN: {
            "victims": "victims | victim",
            "casualties": "casualties",
            "suspects": "suspects | suspect | gunmen | gunman | attackers | shooters | assailants",
            "shots_fired": "shots | rounds | gunshots | bullets",
            "magazines_emptied": "magazines | clips",
        },
    }
)

# What-was-counted nouns whose metric depends on a verb: "375 drones" launched, "25 drones struck".
_PROJECTILES = _phrases(
    {"drones": "drone | drones | uav | uavs | shaheds", "missiles": "missile | missiles | rocket | rockets"}
)
_STRUCTURES = _phrases(
    {"houses": "house | houses | home | homes", "buildings": "building | buildings | structure | structures"}
)
_HOUSEHOLDS = frozenset({"households", "homes", "houses"})
_CHILDREN = frozenset({"child", "children", "kids", "schoolchildren"})
_STRIKE_VERBS = frozenset({"struck", "hit", "strike", "striking", "hitting", "impacted"})
_INTERCEPT_PHRASES = (("shot", "down"), ("intercepted",), ("downed",), ("destroyed",), ("neutralized",))
_DAMAGE_WORDS = frozenset({"damaged", "damage", "damaging"})
_DESTROY_WORDS = frozenset({"destroyed", "flattened", "razed", "collapsed", "levelled", "leveled"})
_POWER_WORDS = frozenset({"power", "electricity", "blackout", "blackouts", "outage", "outages"})
_HEATING_WORDS = frozenset({"heating", "heat"})
_TRANSPORT_VERBS = frozenset(
    {"taken", "transported", "brought", "rushed", "admitted", "airlifted", "received"}
)
_HOSPITAL_WORDS = frozenset({"hospital", "hospitals", "clinic", "clinics", "medical", "health", "trauma"})
_PATIENT_WORDS = frozenset({"patients", "patient"})
# Counted things that are not people: a casualty verb before them is not about them
# ("injured ... across the two cities", "evacuated to 10 temporary shelters").
_NOT_PEOPLE = _word_set(
    "cities countries districts villages provinces regions towns states areas sites places locations"
    " shelters camps trucks vehicles cars buses trains planes flights days weeks months years hours times"
    " settlements aftershocks facilities hospitals schools firearms offenses charges counts"
)
_CROWD_VERBS = (("attended", "by"), ("drew",), ("attracted",))


@dataclass(frozen=True, slots=True)
class _Tok:
    low: str
    start: int
    end: int


def metric_from_context(sentence: str, start: int, end: int) -> str | None:
    """The metric that the words around `sentence[start:end]` (a number phrase) suggest, or None.

    Rules, in order: measures keep their own kind ("6.1-magnitude" -> magnitude; "30 km" -> None);
    things counted with an outcome verb ("375 drones" launched, "25 drones struck", "300 houses"
    damaged); then the strongest keyword in the words after the number up to the end of its clause
    ("three dead", "19 others injured", "three of whom were hospitalized"), where a shared
    predicate counts ("800,000 people in Kyiv and another 400,000 ... were left without power");
    then the nearest keyword before it ("killing five passengers", "injured more than 20").
    """
    tokens = [_Tok(m.group().lower(), m.start(), m.end()) for m in _TOKEN.finditer(sentence)]
    quantities = find_quantities(sentence)
    unit = next((m.quantity.unit for m in quantities if m.start <= start < m.end), None)
    if unit == "magnitude":
        return "magnitude"
    before = _before_window(tokens, start)
    after = _after_window(tokens, end, [(m.start, m.end) for m in quantities if m.start >= end])
    head = after[:4]
    if head[:1] not in (["more"], ["others"], ["other"]):
        # A verb before an earlier figure belongs to that figure: "injured more than 20 across
        # the two cities". Not so for "killed 170,000 people ... and tens of thousands more".
        previous_end = max((m.end for m in quantities if m.end <= start), default=0)
        between = [t.low for t in tokens if previous_end <= t.start and t.end <= start]
        if between != ["to"]:  # "revised from eight to six": both figures count the same thing
            before = _before_window([t for t in tokens if t.start >= previous_end], start)
    if unit == "percent":
        return "percent_without_power" if _POWER_WORDS & {*before, *after} else None
    if unit is not None:
        return None  # distances, durations, ages: no incident count

    counted = _counted_object(head, after, before)
    if counted is not None:
        return counted
    if _ends_with_any(before, _CROWD_VERBS):
        return "attendees"  # "attended by over 100 people", "drew more than 100 people"
    metric = _strongest(after)
    if metric is None and (power := _without_supply(after)) is not None:
        return _supply_metric(power, head)
    if metric is None and not _NOT_PEOPLE & set(head[:2]):
        metric = _nearest(before)
    if metric is None and _PATIENT_WORDS & set(head) and _HOSPITAL_WORDS & set(after):
        metric = "hospitalized"
    if metric is None:
        return None
    return _refine(metric, head, after)


def _before_window(tokens: list[_Tok], start: int) -> list[str]:
    """The words before the phrase, back to the start of its clause, nearest last."""
    words: list[str] = []
    for tok in reversed([t for t in tokens if t.end <= start]):
        if tok.low in _HARD_BOUNDARIES or len(words) >= _WINDOW:
            break
        words.append(tok.low)
    return words[::-1]


def _after_window(tokens: list[_Tok], end: int, later_quantities: list[tuple[int, int]]) -> list[str]:
    """The words after the phrase to the end of its clause. At "and"/"or" the clause goes on
    over a coordinated figure with no predicate of its own ("800,000 people in Kyiv and another
    400,000 in Chernihiv region were left without power") and over coordinated nouns ("houses
    and buildings were damaged"), and stops before a new predicate ("and damaged", "and six injured")."""
    following = [t for t in tokens if t.start >= end]
    words: list[str] = []
    i = 0
    while i < len(following) and len(words) < _WINDOW:
        tok = following[i]
        if tok.low in _HARD_BOUNDARIES or tok.low in _CLAUSE_WORDS:
            break
        if tok.low in _COORDINATORS:
            if _strongest(words) is not None:
                break
            nxt = following[i + 1] if i + 1 < len(following) else None
            if nxt is None:
                break
            if nxt.low == "another" and i + 2 < len(following):
                nxt = following[i + 2]
            span = next(((s, e) for s, e in later_quantities if s == nxt.start), None)
            if span is not None:
                if _names_an_outcome(following, span[1]):
                    break  # "and six injured": that figure has a predicate of its own
                while i < len(following) and following[i].start < span[1]:
                    i += 1
                continue
            if nxt.low.endswith(("ing", "ed")) or nxt.low in _PREDICATE_VERBS or nxt.low in _COORDINATORS:
                break  # "and damaged", "and leaving": a new predicate
            i += 1
            continue
        words.append(tok.low)
        i += 1
    return words


def _names_an_outcome(following: list[_Tok], after: int) -> bool:
    """Whether the words right after a coordinated figure carry their own keyword ("six injured")."""
    rest = [t.low for t in following if t.start >= after][:3]
    return _strongest(rest) is not None


def _matches(words: list[str]) -> list[tuple[int, _Keyword]]:
    found: list[tuple[int, _Keyword]] = []
    i = 0
    while i < len(words):
        for keyword in _KEYWORDS:
            if tuple(words[i : i + len(keyword.words)]) == keyword.words:
                found.append((i, keyword))
                i += len(keyword.words)
                break
        else:
            i += 1
    return found


def _strongest(words: list[str]) -> str | None:
    if words[:1] == ["critical"]:
        return "critical_condition"  # "two critical and 19 others injured"
    if _transport_to_hospital(words):
        return "hospitalized"
    found = _matches(words)
    if not found:
        return None
    _, keyword = max(found, key=lambda f: (f[1].strength, -f[0]))
    return keyword.metric


def _nearest(words: list[str]) -> str | None:
    found = [(i, k) for i, k in _matches(words) if k.strength >= _Strength.EVENT or k.metric == "victims"]
    return found[-1][1].metric if found else None


def _transport_to_hospital(words: list[str]) -> bool:
    """ "29 were taken to Broward Health Medical Center", "30 people transported to hospitals"."""
    for i, word in enumerate(words):
        if word in _TRANSPORT_VERBS and _HOSPITAL_WORDS & set(words[i + 1 :]):
            return True
    return False


def _ends_with_any(words: list[str], phrases: tuple[tuple[str, ...], ...]) -> bool:
    return any(tuple(words[len(words) - len(p) :]) == p for p in phrases)


def _contains(words: list[str], phrase: tuple[str, ...]) -> bool:
    return any(tuple(words[i : i + len(phrase)]) == phrase for i in range(len(words)))


def _counted_object(head: list[str], after: list[str], before: list[str]) -> str | None:
    """Drones, missiles, houses and buildings: the verb says what happened to them."""
    projectile = next((_PROJECTILES[w] for w in head if w in _PROJECTILES), None)
    if projectile is not None:
        if set(after) & _STRIKE_VERBS or _ends_with_any(before, (("struck", "by"), ("hit", "by"))):
            return f"{projectile}_struck"
        if any(_contains(after, p) for p in _INTERCEPT_PHRASES):
            return f"{projectile}_intercepted"
        return f"{projectile}_launched"
    structures = {_STRUCTURES[w] for w in after if w in _STRUCTURES}
    if not ({_STRUCTURES[w] for w in head if w in _STRUCTURES}):
        return None
    structure = "buildings" if "buildings" in structures else "houses"
    context = {*after, *before}
    if (supply := _without_supply(after)) is not None:
        return f"{structure}_without_{supply}" if structure == "buildings" else _supply_metric(supply, head)
    if context & _DESTROY_WORDS:
        return f"{structure}_destroyed"
    if context & _DAMAGE_WORDS:
        return f"{structure}_damaged"
    return None


def _without_supply(words: list[str]) -> str | None:
    for i, word in enumerate(words):
        if word == "without" and i + 1 < len(words):
            if words[i + 1] in _POWER_WORDS:
                return "power"
            if words[i + 1] in _HEATING_WORDS:
                return "heating"
        if word == "lost" and i + 1 < len(words) and words[i + 1] in _POWER_WORDS:
            return "power"
    return None


def _supply_metric(supply: str, head: list[str]) -> str:
    if supply == "power" and _HOUSEHOLDS & set(head):
        return "households_without_power"
    return f"people_without_{supply}"


def _refine(metric: str, head: list[str], after: list[str]) -> str:
    """Narrow a general metric with what the window says about who: children, gunshot victims."""
    if metric == "killed" and (_CHILDREN & set(head) or _contains(after, ("a", "child"))):
        return "children_killed"
    if metric == "injured" and _CHILDREN & set(head):
        return "children_injured"
    if metric == "hospitalized" and "gunshot" in after:
        return "hospitalized_gunshot"
    return metric
