"""The words news uses to say a figure changed ("revised", "rose", "lowered") or stands at a
level ("stands at", "reached"): one home for the reconciler's revision cues, the quantity
scanner's "by two to 13" and the parse's reading of a toll that changed."""

from __future__ import annotations

import re

# Stems of the verbs (and their participles) that move a figure: "revised from eight to six",
# "the toll rose to 11", "was lowered", "climbing", "bringing the toll from 5 to 7".
CHANGE_STEMS = (
    r"(?:revis|correct|updat|lower|rais|increas|ris|rose|climb|jump|grew|grow|fell|fall|drop|decreas"
    r"|reduc|went|adjust|chang|bring|brought|push)\w*"
)
_CHANGE_WORD = re.compile(CHANGE_STEMS, re.IGNORECASE)
# Verb lemmas that put a figure at a level without saying it moved ("the toll stands at 30",
# "put the number of injured at 40", "has reached 12", "bringing the toll to 11").
LEVEL_VERBS = frozenset({"stand", "put", "reach", "hit", "bring", "push", "be", "remain"})
# Adverbs that say a figure moved, before the old one: "to 11, up from 5".
CHANGE_ADVERBS = frozenset({"up", "down"})


def is_change_word(word: str) -> bool:
    """Whether `word` ("revised", "rose", "climbing") says a figure changed."""
    return _CHANGE_WORD.fullmatch(word) is not None or word.lower() in CHANGE_ADVERBS
