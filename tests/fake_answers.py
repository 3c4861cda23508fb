"""Hand-written answers a good model would give for the two bundled example articles.

These are fakes, written by hand for unit tests; the recorded exchanges of a real model live in
fixtures/cassettes/ and are used by the replay tests.
"""

from __future__ import annotations

from typing import Any

from summarizer.backends.protocol import LLMRequest

CLASHREPORT: dict[str, Any] = {
    "events": [
        {
            "sentence": 7,
            "description": "Russian missile and drone assault on Kyiv and Kharkiv",
            "kind": "strike",
            "date_phrase": "on Saturday",
            "places": ["Kyiv", "Kharkiv"],
        }
    ],
    "claims": [
        {"sentence": 12, "quantity_phrase": "at least one", "metric": "killed", "place": "Kyiv", "event": 0},
        {
            "sentence": 12,
            "quantity_phrase": "more than 20",
            "metric": "injured",
            "place": "Kyiv and Kharkiv",
            "event": 0,
        },
        {"sentence": 19, "quantity_phrase": "four", "metric": "injured", "place": "Kyiv", "event": 0},
        {
            "sentence": 24,
            "quantity_phrase": "between 11 and 19",
            "metric": "wounded",
            "place": "Kharkiv",
            "event": 0,
            "attributed_to": "Ihor Terekhov",
        },
    ],
    "quotes": [
        {
            "sentence": 39,
            "text": "Peace talks are fantastic, but peace will not happen tomorrow",
            "speaker": "Mark Rutte",
            "role": "NATO Secretary General",
        },
        {"sentence": 36, "text": "It's all about the land.", "speaker": "Zelensky"},
    ],
}

NEXTFIN: dict[str, Any] = {
    "events": [
        {
            "sentence": 2,
            "description": "Russian drone and missile strikes on Kharkiv and Odesa",
            "kind": "strike",
            "date_phrase": "January 27, 2026",
            "places": ["Kharkiv", "Odesa"],
        }
    ],
    "claims": [
        {
            "sentence": 3,
            "quantity_phrase": "at least nine",
            "metric": "fatalities",
            "place": "Kharkiv and Odesa",
            "event": 0,
            "attributed_to": "Kyiv Independent",
        },
        {"sentence": 4, "quantity_phrase": "five", "metric": "killed", "place": "Kharkiv", "event": 0},
        {"sentence": 5, "quantity_phrase": "three", "metric": "dead", "place": "Odesa", "event": 0},
        {"sentence": 5, "quantity_phrase": "35", "metric": "injured", "place": "Odesa", "event": 0},
    ],
    "quotes": [],
}


def visible_part(answer: dict[str, Any], shown: set[int]) -> dict[str, Any]:
    """What a model that sees only the sentences `shown` (one chunk) would answer."""
    kept_events = [i for i, e in enumerate(answer["events"]) if e["sentence"] in shown]
    new_index = {old: new for new, old in enumerate(kept_events)}
    claims = []
    for claim in answer["claims"]:
        if claim["sentence"] in shown:
            claims.append({**claim, "event": new_index.get(claim.get("event", -1))})
    return {
        "events": [answer["events"][i] for i in kept_events],
        "claims": claims,
        "quotes": [q for q in answer["quotes"] if q["sentence"] in shown],
    }


def answer_for(request: LLMRequest[Any], _attempt: int) -> dict[str, Any]:
    """A FakeLLM responder for extraction requests on the example articles."""
    user = request.messages[-1]["content"]
    shown = set(request.context["sentences"])
    if "clashreport-2026-01-24" in user:
        return visible_part(CLASHREPORT, shown)
    if "nextfin-2026-01-27" in user:
        return visible_part(NEXTFIN, shown)
    return {"events": [], "claims": [], "quotes": []}
