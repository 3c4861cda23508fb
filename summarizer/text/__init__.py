"""Text knowledge: reading files into documents, sentences, grounding spans, parsing figures,
metric words, dates, numbers and places.

One home per piece of knowledge: `dates` (the month and weekday table, date phrases, the year
pattern), `numbers` (number and ordinal words), `speech_verbs` (verbs that report speech),
`places` (place names and their containment), `quantities` (with `scanner`, `quantity_words`
and `vague`: figures as intervals), `figures` (the one formatter that writes figures back as
text, shared by reconcile, the summary and the renderers).

Owns everything that reads news language without a model. May import `summarizer.schemas`,
`summarizer.errors` and the standard library or text libraries; never the pipeline's later
stages (`extraction`, `reconcile`, `render`, `evaluation`) and never `backends`.
"""
