"""Verbs that report speech ("said", "told", "warned"): the one table, each lemma with the forms
news writes it in.

The quote finder reads the forms token by token (it has no parse); reconcile's lede evidence
reads a parsed verb's lemma ("the sheriff described the attack": the sheriff is a source).
"""

from __future__ import annotations

SPEECH_VERBS: dict[str, tuple[str, ...]] = {
    "say": ("said", "says", "say"),
    "tell": ("told", "tells", "tell"),
    "state": ("stated", "states"),
    "warn": ("warned", "warns"),
    "add": ("added", "adds"),
    "confirm": ("confirmed", "confirms"),
    "write": ("wrote", "writes"),
    "tweet": ("tweeted", "tweets"),
    "post": ("posted",),
    "explain": ("explained", "explains"),
    "note": ("noted", "notes"),
    "describe": ("described", "describes"),
    "announce": ("announced", "announces"),
    "recall": ("recalled", "recalls"),
    "insist": ("insisted", "insists"),
    "characterize": ("characterized", "characterizes"),
    "characterise": ("characterised",),
    "declare": ("declared", "declares"),
    "acknowledge": ("acknowledged",),
    "urge": ("urged",),
    "continue": ("continued",),
    "remark": ("remarked",),
    "reply": ("replied",),
    "testify": ("testified",),
    "shout": ("shouted",),
    "scream": ("screamed",),
    "caution": ("cautioned",),
    "argue": ("argued", "argues"),
    "estimate": ("estimated",),
    # "Police reported two deaths": a source, but the form seldom introduces a quote.
    "report": (),
}
# Lemmas whose subject is often no speaker at all ("the gunman continued firing", "he posted
# bail"): a parsed subject of these is not taken for a source.
NOT_ALWAYS_SPEECH = frozenset({"continue", "post"})
# The lemmas whose parsed subject is a source.
SOURCE_LEMMAS = frozenset(SPEECH_VERBS) - NOT_ALWAYS_SPEECH
# The forms, for code that reads words without a parse.
SPEECH_VERB_FORMS = frozenset(form for forms in SPEECH_VERBS.values() for form in forms)
