"""The finder's public types: the candidates a labeller chooses from, for one document."""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from summarizer.schemas import Model, Quantity


class Speaker(Model):
    """Someone a speech cue names: a person ("Vitali Klitschko") or a group ("local officials")."""

    name: str = Field(description="full name when known, else the phrase: 'local officials'")
    role: str | None = Field(default=None, description="as written: 'Kyiv Mayor'")
    mention: str = Field(description="as written at the cue: 'he', 'Gov. Scott', 'the doctor'")
    cue: str = Field(description="the speech cue: 'said', 'according to', 'characterized'")
    sentence: int
    is_person: bool = True


class ClaimCandidate(Model):
    id: str = Field(description="'n3': unique within the document")
    sentence: int
    start: int = Field(description="offset of the quantity phrase in Document.text")
    end: int = Field(description="exclusive")
    phrase: str
    quantity: Quantity
    metric_hint: str | None = Field(default=None, description="what the words around it suggest")
    group: str | None = Field(default=None, description="who was counted, when the parse says")
    parsed: bool = Field(default=False, description="the sentence's parse read the measure and group")
    part: bool = Field(default=False, description="a part of a total stated beside it: 'including two'")
    person: bool = Field(
        default=False, description="a count of one from a phrase naming one person: 'her father'"
    )
    places: list[str] = Field(default_factory=list, description="named nearby, nearest first")
    sources: list[Speaker] = Field(default_factory=list, description="who the sentence cites, nearest first")
    quote: str | None = Field(default=None, description="id of the quote candidate the phrase sits in")
    sentence_text: str
    context: str = Field(description="a few words either side of the phrase")


class QuoteCandidate(Model):
    id: str = Field(description="'q2': unique within the document")
    sentence: int = Field(description="the sentence the quotation opens in")
    end_sentence: int = Field(description="the sentence it closes in")
    start: int = Field(description="offset of the quoted text (inside the marks) in Document.text")
    end: int = Field(description="exclusive")
    text: str
    speakers: list[Speaker] = Field(default_factory=list, description="nearest first")
    adjacent_cue: bool = Field(description="a speech cue introduces or follows the quotation directly")
    is_heading: bool = Field(description="the quotation is a whole line on its own: likely a heading")
    word_count: int


class EventCandidate(Model):
    """The incident's first mention: its sentence, kind and date as the text gives them."""

    sentence: int
    kind: str | None = None
    date: dt.date | None = None
    date_phrase: str | None = None
    places: list[str] = Field(default_factory=list)


class Person(Model):
    name: str
    role: str | None = None


class Candidates(Model):
    """Everything the labeller may choose from, for one document."""

    document: str
    claims: list[ClaimCandidate] = Field(default_factory=list)
    quotes: list[QuoteCandidate] = Field(default_factory=list)
    people: list[Person] = Field(default_factory=list)
    places: list[str] = Field(default_factory=list, description="every place named, by first mention")
    main_places: list[str] = Field(
        default_factory=list, description="places of the incident's first mention: the fallback for claims"
    )
    event: EventCandidate | None = None
