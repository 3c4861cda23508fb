"""Text knowledge: reading files into documents, sentences, grounding spans, parsing figures,
metric words, dates, numbers and places.

Owns everything that reads news language without a model. May import `summarizer.schemas`,
`summarizer.errors` and the standard library or text libraries; never the pipeline's later
stages (`extraction`, `reconcile`, `render`, `evaluation`) and never `backends`.
"""
