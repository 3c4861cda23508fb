"""The words that state a casualty, by what they measure: verbs ("killed", "wounded"), adjectives
("dead", "injured"), nouns ("deaths", "injuries"), and the adverbs and adjectives that make a
harm fatal. `text.casualty_verbs` and `text.casualty_nouns` read the parse with them."""

from __future__ import annotations

# Verb lemmas that state a casualty, by the measure they state.
VERB_MEASURES = {
    "kill": "killed",
    "murder": "killed",
    "slay": "killed",
    "die": "killed",
    "injure": "injured",
    "wound": "injured",
    "hurt": "injured",
    "shoot": "shot",
    "hospitalize": "hospitalized",
    "hospitalise": "hospitalized",
}
# Adjectives that state a casualty as a complement or after a number: "left two dead".
ADJECTIVE_MEASURES = {"dead": "killed", "injured": "injured", "wounded": "injured", "missing": "missing"}
# Nouns that are themselves the measure: "three deaths", "14 injuries".
NOUN_MEASURES = {
    "death": "killed",
    "fatality": "killed",
    "injury": "injured",
    "wound": "injured",
    "casualty": "casualties",
}
REFLEXIVES = {"himself", "herself", "themselves"}
# "fatally shot" or "shot, one fatally": the shooting killed.
FATAL_ADVERBS = {"fatally", "mortally"}
# Verbs of suffering an injury: "a woman suffered serious injuries".
SUFFER_VERBS = {"suffer", "sustain", "receive"}
# Adjectives that make an injury or an attack fatal: "a fatal gunshot wound", "a deadly shooting".
FATAL_ADJECTIVES = {"fatal", "deadly"}
# Verbs of killing someone (not "die", whose subject is the dead).
KILLING_VERBS = {lemma for lemma, measure in VERB_MEASURES.items() if measure == "killed" and lemma != "die"}
