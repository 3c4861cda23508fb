"""Names: which capitalized words can be part of a person's name, and the titles, roles and
appositions written around a name. Shared by `people`, `speech` and `places`."""

from __future__ import annotations

from summarizer.extraction.finder.tokens import CALENDAR, STOP_CAPS, Text, Token, vocab

# Titles written before a name, lower case and without a trailing period.
TITLES = vocab(
    """president president-elect vice-president prime minister mayor governor gov lt sheriff deputy
    dep secretary general gen spokesman spokeswoman spokesperson chief commissioner senator sen
    rep representative congressman congresswoman agent officer detective det sgt sergeant capt
    captain lieutenant col colonel commander judge justice dr mr mrs ms director chairman
    chairwoman king queen prince princess pope ambassador councilman councilwoman councillor
    superintendent chancellor premier marshal inspector rev reverend pastor prof professor coach
    trooper cpl corporal adm admiral atty attorney head"""
)


# Lower-case words that, right before a capitalized name, make it a person's name.
PERSON_NOUNS = vocab(
    """spokesman spokeswoman spokesperson official suspect gunman shooter witness eyewitness
    resident agent officer victim survivor doctor nurse commander chief director minister mayor
    governor president analyst expert professor lawyer attorney neighbor neighbour student
    teacher passenger traveler traveller partygoer daughter son wife husband father mother
    brother sister grandson granddaughter cousin uncle aunt friend sheriff deputy commissioner
    manager coordinator representative leader secretary general"""
)
# Lower-case words that can be part of a speaker's description ("national disaster agency spokesman").
ROLE_WORDS = PERSON_NOUNS | vocab(
    """local national regional federal state county city provincial district senior top former
    special anonymous military air force disaster agency emergency health fire rescue police
    security defense defence foreign interior government ministry department office
    administration services service management mitigation civil protection press family hospital
    medical school airport transport energy utility company officials authorities authority
    officers investigators prosecutors witnesses eyewitnesses residents relatives neighbors
    neighbours rescuers doctors sources source experts analysts statement parents relative
    survivors victims passengers travelers travellers guests guest students firefighters
    paramedics medics staff workers volunteers observers monitors media reporters correspondent
    journalist deputies troopers spokespeople sheriff's team head emergency-services young"""
)


# Capitalized words that make a run an organization rather than a person or a place.
ORG_WORDS = vocab(
    """office department agency police force news post times ministry service services institute
    committee council court company inc corp group university school association administration
    guard army navy bureau commission party union foundation bank fund network channel radio
    press journal herald tribune independent reuters agence fire rescue health survey authority
    organization organisation coalition alliance club church team republic kremlin pentagon
    parliament congress senate house military"""
)


def _is_name_token(token: Token) -> bool:
    return (
        token.is_word
        and token.is_cap
        and token.bare not in TITLES
        and token.base.lower() not in ORG_WORDS
        and token.low not in STOP_CAPS
        and token.bare not in CALENDAR
        and not token.is_acronym
    )


def all_name_tokens(view: Text, first: int, last: int) -> bool:
    return all(_is_name_token(view.tokens[k]) for k in range(first, last))


def name_text(view: Text, first: int, last: int) -> str:
    """A name as written, a possessive ending dropped: "Ihor Terekhov" for "Ihor Terekhov’s"."""
    text = view.span_text(first, last)
    return text[: len(text) - (len(view.tokens[last - 1].text) - len(view.tokens[last - 1].base))]


def last_title(view: Text, first: int, last: int) -> int | None:
    titles = [k for k in range(first, last) if view.tokens[k].bare in TITLES]
    return titles[-1] if titles else None


def role_before(view: Text, index: int, limit: int = 7) -> tuple[int, str | None]:
    """The role words written just before token `index` ("national disaster agency spokesman"),
    as (first token, text); determiners are left out."""
    first = index
    while first - 1 >= 0 and index - first < limit and view.joined(first - 1, first):
        token = view.tokens[first - 1]
        if (
            token.low in ROLE_WORDS
            or (token.is_word and token.is_cap and token.low not in STOP_CAPS)
            or token.text == "-"
            or token.text.isdigit()
            or "year-old" in token.low
        ):
            first -= 1
        else:
            break
    if first == index:
        return index, None
    return first, view.span_text(first, index)


def apposition(view: Text, index: int, limit: int = 16) -> tuple[str | None, bool]:
    """The apposition after a name ending before token `index`: ", a doctor at a clinic," ->
    ("doctor at a clinic", True when it looks like a person's description)."""
    comma = view.tok(index)
    if comma is None or comma.text != ",":
        return None, False
    first = index + 1
    last = first
    while last < len(view.tokens) and last - first < limit:
        token = view.tokens[last]
        if token.sentence != comma.sentence or token.text in {",", ".", ";", ":", "(", ")", "“", "”", '"'}:
            break
        if token.low in {"who", "which", "whose", "said", "says", "told", "was", "is", "has"}:
            break
        last += 1
    if last == first:
        return None, False
    opener = view.tokens[first]
    words = [t.low for t in view.tokens[first:last]]
    personal = (
        opener.low in {"a", "an", "the", "head", "chief"}
        or opener.possessive
        or opener.text.isdigit()
        or opener.low in ROLE_WORDS
    ) and (any(w in ROLE_WORDS or "year-old" in w for w in words) or (len(words) == 1 and words[0].isdigit()))
    if len(words) == 1 and words[0].isdigit():
        return None, personal  # an age: "Terry Andres, 62,"
    start = first + 1 if opener.low in {"a", "an", "the"} else first
    if start >= last:
        return None, False
    return view.span_text(start, last), personal
