"""Headline figures and the main event: what a reader asks first about a set of reports.

Deterministic, no model; computed from a reconciled report (its linked events, estimates,
claims and conflicts) by `add_headlines`, which `reconcile_report` calls last.

Rules, each asserted by tests/reconcile/test_headlines.py:

- **Which metrics.** Every casualty metric (`text.metrics.CASUALTY_METRICS`) that has an
  estimate for the linked event: killed and injured first, then the others in name order.
- **The incident's own figure, voted by documents.** The estimates of one (event, metric)
  differ only in their place; their claims are pooled. Claims in background sentences
  (`text.background`: other incidents, tallies over a period, other years, links to other
  stories, a sentence taking up the incidents of a background one before it) are left out: a
  report's figures for an earlier attack or the year's homicides are not the incident's. Each
  document then states one figure: the largest of its claims in the first sentence where it gives
  this metric (a report leads with its incident, and a part is never larger than the total said
  beside it; people counted one by one there add up; a vague word there, "dozens", gives way to
  the first precise figure that fits it). The best figure is the one most documents
  state, counting only documents that state a figure and not a bound ("at least two",
  "several") when some do; ties go to the larger.
- **The injured are the people shot who did not die.** A document that states no injured figure
  but how many were shot votes for that figure less the killed headline ("five were shot, one
  fatally": four); a count of others ("two other teens were also shot", "another man was
  shot", "a second student was shot") beside a death is already those who did not die. When
  no document behind the injured figure states it, `derived` is "shot - killed" (or "shot"
  with no killed headline). A report published before every report of the death, stating none
  itself, counted the people who later died as hurt: its injured figure less the killed headline.
  Beside a death, an injured count of one
  by a definite phrase or a name ("the victim had suffered a gunshot wound", "Smith was
  wounded") is the one who died mentioned again: that document states no injured.
- **Who was counted, added up.** With no figure for everyone (and, for the injured, none from
  the people shot), a killed or injured headline is each document's children, officers and
  suspects figures added up ("killed his two children and then himself": three), voted the same
  way, with `derived` naming the slots. With none of those either, the injured are the people
  counted by their state or care (hospitalized, in critical condition, wounded by gunfire), each
  document's largest such figure of its lead sentence, `derived` naming the metrics (beside a
  death, one named again, "Smith was taken to a hospital", is the one who died).
- **low / high / conservative** are those of the estimate that holds most of the claims behind the
  best figure (see `reconcile.estimates.estimate_figures`), widened to include the best figure;
  the conservative figure is never above it. The other places are counted in `parts`.
- **Sources and disagreement.** `claims` and `documents` are every document's figure that
  voted (the evidence a reader checks, winners and losers). They disagree when the documents
  state different figures, or when the chosen estimate's documents give different figures or a
  cross-document or revision conflict names its event, metric and place.
- **Suspects count like everyone else.** A figure counts whoever its sources counted; nothing
  is added to or subtracted from a figure for everyone. This is the Gun Violence Archive's reading (everyone
  killed or injured, suspects included) whenever the sources count that way, and a victims-only
  figure when they count victims. `reading` says which, when the text says it: "everyone" for
  a count stated to include the gunman, shooter or suspect (or the metric
  `dead_including_suspect`), "victims" for a count of victims ("two victims were wounded"),
  "suspects" for a count of suspects; None when the text does not say. When the claims behind
  a figure say different things, the reading most of them state wins (ties: None).
- **The main event** is the linked event most documents report; ties go to the one with more
  documents giving a casualty figure, then more casualty claims, then the earlier linked event.
  None when the report has no linked event.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from summarizer.schemas import (
    Claim,
    Conflict,
    ConflictKind,
    Document,
    Estimate,
    HeadlineFigure,
    LinkedEvent,
    Number,
    Report,
)
from summarizer.text.background import is_background_after, years_in
from summarizer.text.counts import counts_others
from summarizer.text.metrics import CASUALTY_METRICS, SEPARATE_GROUPS
from summarizer.text.numbers import ORDINALS

Reading = Literal["everyone", "victims", "suspects"]

_FIRST_METRICS = ("killed", "injured")
# Metrics that count injured people by their state or care.
_INJURY_KINDS = frozenset(
    {
        "injured_by_gunshot",
        "seriously_injured",
        "critical_condition",
        "intensive_care",
        "stable_condition",
        "good_condition",
        "hospitalized",
        "hospitalized_gunshot",
    }
)
_SUSPECT = r"(?:gunm[ae]n|shooters?|suspects?|attackers?|assailants?|perpetrators?)"
_INCLUDING_SUSPECT = re.compile(
    rf"\bincluding\s+(?:the\s+|a\s+|one\s+|two\s+)?(?:alleged\s+)?{_SUSPECT}\b", re.I
)
# What follows the number: "two victims", "2 shooting victims", "three suspects".
_VICTIMS_AFTER = re.compile(r"^\s*(?:[\w-]+\s+)?victims?\b", re.I)
_SUSPECTS_AFTER = re.compile(rf"^\s*(?:[\w-]+\s+)?{_SUSPECT}\b", re.I)
_AFTER_WINDOW = 30
_LEDE_SENTENCES = 3  # the title and the first sentences: where a report names its incident


def metric_order(metric: str) -> tuple[int, str]:
    return (_FIRST_METRICS.index(metric) if metric in _FIRST_METRICS else len(_FIRST_METRICS), metric)


def claim_reading(claim: Claim, document: Document | None) -> Reading | None:
    """Who a casualty claim counts, when its sentence says so."""
    if claim.metric == "dead_including_suspect":
        return "everyone"
    if claim.group in ("victims", "suspects"):
        return "victims" if claim.group == "victims" else "suspects"
    if document is None or not document.sentences or claim.sentence >= len(document.sentences):
        return None
    sentence = document.sentence_text(claim.sentence)
    if _INCLUDING_SUSPECT.search(sentence):
        return "everyone"
    if claim.span.end is not None:
        after = document.text[claim.span.end : claim.span.end + _AFTER_WINDOW]
        if _VICTIMS_AFTER.match(after):
            return "victims"
        if _SUSPECTS_AFTER.match(after):
            return "suspects"
    return None


def _majority_reading(readings: Sequence[Reading | None]) -> Reading | None:
    stated = Counter(r for r in readings if r is not None).most_common()
    if not stated or (len(stated) > 1 and stated[0][1] == stated[1][1]):
        return None
    return stated[0][0]


def _disagree(estimate: Estimate, claims: dict[str, Claim], conflicts: Sequence[Conflict]) -> bool:
    figures: dict[float, set[str]] = {}
    for claim_id in estimate.claims:
        claim = claims.get(claim_id)
        if claim is None:
            continue
        q = claim.quantity
        value = (
            q.nominal if q.nominal is not None else (q.low if q.low is not None and q.low == q.high else None)
        )
        if value is not None:
            figures.setdefault(float(value), set()).add(claim.document)
    if len(figures) > 1 and len(set().union(*figures.values())) > 1:
        return True
    flagged = {ConflictKind.CROSS_DOCUMENT, ConflictKind.REVISION}
    return any(
        c.kind in flagged
        and c.event == estimate.event
        and c.metric == estimate.metric
        and c.place == estimate.place
        for c in conflicts
    )


@dataclass
class ReportFacts:
    """What the headlines of every linked event read of the whole report, worked out once."""

    casualty_estimates: dict[str | None, list[Estimate]]  # by event, in report order
    own_years: dict[str, set[int]]  # `incident_years` by document
    mourned: set[str]  # the documents with a killed claim

    @classmethod
    def of(
        cls, estimates: Sequence[Estimate], claims: dict[str, Claim], documents: dict[str, Document]
    ) -> ReportFacts:
        by_event: dict[str | None, list[Estimate]] = {}
        for estimate in estimates:
            if estimate.metric in CASUALTY_METRICS:
                by_event.setdefault(estimate.event, []).append(estimate)
        return cls(
            by_event,
            {doc_id: incident_years(document) for doc_id, document in documents.items()},
            {c.document for c in claims.values() if c.metric == "killed" or c.metric.endswith("_killed")},
        )


def headline_figures(
    event: LinkedEvent,
    estimates: Sequence[Estimate],
    claims: dict[str, Claim],
    documents: dict[str, Document],
    conflicts: Sequence[Conflict],
    facts: ReportFacts | None = None,
) -> list[HeadlineFigure]:
    """One headline figure per casualty metric of `event`, killed and injured first. `facts`:
    what `add_headlines` already worked out for the report (`estimates`, `claims`, `documents`)."""
    if facts is None:
        facts = ReportFacts.of(estimates, claims, documents)
    by_metric: dict[str, list[Estimate]] = {}
    for estimate in facts.casualty_estimates.get(event.id, []):
        by_metric.setdefault(estimate.metric, []).append(estimate)
    own_years = facts.own_years
    # A claim's sentence decides whether it is in the background: asked once per sentence.
    background: dict[tuple[str, int], bool] = {}

    def keep(claim: Claim) -> bool:
        where = (claim.document, claim.sentence)
        if (found := background.get(where)) is None:
            found = background[where] = _in_background(claim, documents, own_years)
        return not found

    def leads_of(groups: Sequence[Sequence[Estimate]]) -> Leads:
        return document_figures([_pooled(group, claims) for group in groups], keep)

    figures: list[HeadlineFigure] = []
    for metric in sorted(by_metric, key=metric_order):
        if metric == "injured":
            continue  # below, with the people shot who did not die
        group = by_metric[metric]
        leads = leads_of([group])
        if leads:  # else only other incidents' figures: none for this one
            figures.append(_figure(event, metric, group, leads, claims, documents, conflicts))
    killed = next((f for f in figures if f.metric == "killed"), None)
    if killed is None and (found := _from_groups("killed", by_metric, leads_of)) is not None:
        killed = _figure(event, "killed", *found[1:], claims, documents, conflicts)
        figures.append(killed.model_copy(update={"derived": found[0]}))
    dead = killed.best if killed is not None and killed.best is not None else 0
    stated = leads_of([by_metric.get("injured", [])])
    if dead:
        # "The victim had suffered a gunshot wound" beside a death: the one who died, mentioned
        # again, not one more injured.
        stated = {d: lead for d, lead in stated.items() if not all(_mentioned_again(c) for c in lead[1])}
    if killed is not None and dead:
        stated = _before_the_death(stated, killed, dead, documents, facts.mourned)
    shot = leads_of([by_metric.get("shot", [])])
    # The people shot who did not die are the injured ("five were shot, one fatally": four), for
    # each document that does not state the injured itself.
    # "Two other teens were also shot" in a report of a death: the others, those who did not die.
    besides = {d for d, (_, lead) in shot.items() if dead and all(_counts_others(c, documents) for c in lead)}
    alive = {
        d: (f - (0 if d in besides else dead), lead)
        for d, (f, lead) in shot.items()
        if d not in stated and (f >= dead or d in besides)
    }
    if stated or alive:
        group = [*by_metric.get("injured", []), *by_metric.get("shot", [])]
        less = dead if set(alive) - besides else 0
        injured = _figure(event, "injured", group, {**alive, **stated}, claims, documents, conflicts, less)
        if not set(injured.documents) & set(stated):
            injured = injured.model_copy(
                update={"derived": "shot - killed" if killed is not None else "shot"}
            )
        figures.append(injured)
    elif (found := _from_groups("injured", by_metric, leads_of)) is not None:
        injured = _figure(event, "injured", *found[1:], claims, documents, conflicts)
        figures.append(injured.model_copy(update={"derived": found[0]}))
    elif kinds := sorted(m for m in _INJURY_KINDS if m in by_metric):
        # Hospitalized, in critical condition, seriously hurt: injured, said more precisely.
        group = [e for m in kinds for e in by_metric[m]]
        leads = leads_of([group])
        if dead:  # "Smith was taken to a hospital" beside a death: the one who died, again
            leads = {
                d: lead
                for d, lead in leads.items()
                if not all(_mentioned_again(c, kin=False) for c in lead[1])
            }
        if leads:
            injured = _figure(event, "injured", group, leads, claims, documents, conflicts)
            figures.append(injured.model_copy(update={"derived": " | ".join(kinds)}))
    return sorted(figures, key=lambda f: metric_order(f.metric))


Leads = dict[str, tuple[float, list[Claim]]]


def _pooled(group: Sequence[Estimate], claims: dict[str, Claim]) -> list[Claim]:
    """The claims of a metric's estimates (one per place), pooled."""
    return [claims[cid] for estimate in group for cid in estimate.claims if cid in claims]


def _before_the_death(
    stated: Leads, killed: HeadlineFigure, dead: float, documents: dict[str, Document], mourned: set[str]
) -> Leads:
    """A report published before any report of the death, and telling of no death at all
    (`mourned`: the documents with a killed claim), counts as hurt the people who later died
    ("a boy was critically injured", then "the boy has died"): its injured figure less the
    dead; none left when that is all it counted."""
    told = [documents[d].published for d in killed.documents if d in documents]
    first_told = min((p for p in told if p is not None), default=None)
    if first_told is None:
        return stated
    out: Leads = {}
    for doc_id, (figure, lead) in stated.items():
        published = documents[doc_id].published if doc_id in documents else None
        if doc_id in mourned or published is None or published >= first_told:
            out[doc_id] = (figure, lead)
        elif figure > dead:
            out[doc_id] = (figure - dead, lead)
    return out


def _from_groups(
    metric: str,
    by_metric: dict[str, list[Estimate]],
    leads_of: Callable[[Sequence[Sequence[Estimate]]], Leads],
) -> tuple[str, list[Estimate], Leads] | None:
    """Each document's children, officers and suspects figures for `metric` added up, with the
    slots they come from: for when no source counts everyone."""
    slots = sorted(f"{g}_{metric}" for g in SEPARATE_GROUPS if f"{g}_{metric}" in by_metric)
    leads = leads_of([by_metric[slot] for slot in slots])
    if not leads:
        return None
    return " + ".join(slots), [e for slot in slots for e in by_metric[slot]], leads


def incident_years(document: Document) -> set[int]:
    """The years a document's own incident may fall in: its publication year and the years its
    title and lede name (a follow-up a year later names the incident's year up front)."""
    years = {document.published.year} if document.published is not None else set()
    for index in range(min(_LEDE_SENTENCES, len(document.sentences))):
        years |= years_in(document.sentence_text(index))
    return years


def _in_background(claim: Claim, documents: dict[str, Document], own_years: dict[str, set[int]]) -> bool:
    document = documents.get(claim.document)
    if document is None or not document.sentences or claim.sentence >= len(document.sentences):
        return False
    previous = document.sentence_text(claim.sentence - 1) if claim.sentence > 0 else None
    return is_background_after(
        previous, document.sentence_text(claim.sentence), own_years.get(claim.document, set())
    )


def _number(value: float) -> Number:
    return int(value) if value == int(value) else value


def _claim_figure(claim: Claim) -> float | None:
    """A claim's single figure: exact, else nominal, else its lower bound, else its upper one."""
    q = claim.quantity
    if q.low is not None and q.low == q.high:
        return float(q.low)
    for value in (q.nominal, q.low, q.high):
        if value is not None:
            return float(value)
    return None


def document_figures(parts: Sequence[Sequence[Claim]], keep: Callable[[Claim], bool] | None = None) -> Leads:
    """Each document's one figure and the claims it rests on: per part (a slot), the largest
    figure of the first sentence where the document gives it; the parts added up. With `keep`,
    as if the parts held only the claims it keeps (`_deciding`)."""
    out: Leads = {}
    for part in parts:
        by_document = _deciding(part, keep) if keep is not None else _by_document(part)
        for doc_id, own in by_document.items():
            first = min(c.sentence for c in own)
            firsts = [c for c in own if c.sentence == first]
            if all(c.quantity.vague for c in firsts):
                # A vague lede made precise later ("dozens were hurt" ... "more than 20 across
                # the two cities"): the first figure in words that is not vague and fits it.
                floor = max(_claim_figure(c) or 0.0 for c in firsts)
                precise = [c for c in own if not c.quantity.vague and (_claim_figure(c) or 0.0) >= floor]
                if precise:
                    first = min(c.sentence for c in precise)
                    firsts = [c for c in precise if c.sentence == first]
            if len(firsts) > 1 and all(_claim_figure(c) == 1 and _exact(c) for c in firsts):
                # People counted one by one: "a boy was shot in the arm and a man in the leg" is two.
                figure, lead = float(len(firsts)), firsts
            else:
                top = max(firsts, key=lambda c: _claim_figure(c) or 0.0)
                figure, lead = _claim_figure(top) or 0.0, [top]
            total, behind = out.get(doc_id, (0.0, []))
            out[doc_id] = (total + figure, [*behind, *lead])
    return out


def _by_document(part: Sequence[Claim]) -> dict[str, list[Claim]]:
    """The claims that give a figure, by document, in their order."""
    by_document: dict[str, list[Claim]] = {}
    for claim in part:
        if _claim_figure(claim) is not None:
            by_document.setdefault(claim.document, []).append(claim)
    return by_document


def _deciding(part: Sequence[Claim], keep: Callable[[Claim], bool]) -> dict[str, list[Claim]]:
    """What `document_figures` reads of `_by_document` of the claims `keep` keeps: each
    document's kept claims of its first kept sentence and, when those are all vague, of the
    first kept sentence with a precise figure that fits them; documents in the order of their
    first kept claim. `keep` reads a claim's sentence, so it is asked about one claim per
    sentence, and only as far as the answer needs (a document gives hundreds of figures at
    scale, and asking about each took most of the headlines' time)."""
    found: list[tuple[int, str, list[Claim]]] = []
    by_document: dict[str, list[tuple[int, Claim]]] = {}
    for n, claim in enumerate(part):
        if _claim_figure(claim) is not None:
            by_document.setdefault(claim.document, []).append((n, claim))
    for doc_id, own in by_document.items():
        start = next((n for n, claim in own if keep(claim)), None)
        if start is None:
            continue  # every figure of the document is in the background
        by_sentence: dict[int, list[Claim]] = {}
        for _, claim in own:
            by_sentence.setdefault(claim.sentence, []).append(claim)
        sentences = sorted(by_sentence)
        first = next(s for s in sentences if keep(by_sentence[s][0]))
        chosen = {first}
        firsts = by_sentence[first]
        if all(c.quantity.vague for c in firsts):
            floor = max(_claim_figure(c) or 0.0 for c in firsts)
            precise = (
                s
                for s in sentences
                if s > first
                and any(not c.quantity.vague and (_claim_figure(c) or 0.0) >= floor for c in by_sentence[s])
                and keep(by_sentence[s][0])
            )
            if (later := next(precise, None)) is not None:
                chosen.add(later)
        found.append((start, doc_id, [claim for _, claim in own if claim.sentence in chosen]))
    return {doc_id: claims for _, doc_id, claims in sorted(found, key=lambda f: f[0])}


def _mentioned_again(claim: Claim, kin: bool = True) -> bool:
    """A count of one by a definite phrase or a name ("the victim", "her son", "Smith"): someone
    already introduced; "a man", "another", "the second victim" bring in someone new. With
    `kin` False a possessive ("his father") is someone new: a relative of the one named."""
    words = claim.span.text.split()
    if not words or _claim_figure(claim) != 1 or not _exact(claim):
        return False
    if not kin and words[0].lower() in _POSSESSIVE_WORDS:
        return False
    if any(w.lower() in _NEW_PERSON_WORDS or w[:1].isdigit() for w in words):
        return False
    first = words[0].lower()
    return first in _DEFINITE_WORDS or (words[0][:1].isupper() and first not in _INDEFINITE_WORDS)


# Words that start a phrase for someone already known, and words that bring in someone new.
_DEFINITE_WORDS = frozenset({"the", "his", "her", "their", "its", "this", "that"})
_INDEFINITE_WORDS = frozenset({"a", "an", "one", "another", "someone", "somebody"})
_POSSESSIVE_WORDS = frozenset({"his", "her", "their", "its"})
_NEW_PERSON_WORDS = frozenset({"second", "third", "other", "another", "one", "two"})


def _counts_others(claim: Claim, documents: dict[str, Document]) -> bool:
    """The claim counts people besides those already counted: "three others were shot", and
    one more person brought in as such ("another man was shot", "a second student was shot")."""
    words = claim.span.text.lower().split()
    if words[:1] == ["another"] or (
        words[:1] in (["a"], ["an"]) and len(words) > 1 and ORDINALS.get(words[1], 0) > 1
    ):
        return True
    document = documents.get(claim.document)
    end = claim.span.end
    return document is not None and end is not None and counts_others(document.text[end : end + 20])


def _exact(claim: Claim) -> bool:
    """A figure, not a bound: "four", "about 40"; not "at least two", "several"."""
    q = claim.quantity
    return (q.low is not None and q.low == q.high) or q.nominal is not None


def _figure(
    event: LinkedEvent,
    metric: str,
    group: Sequence[Estimate],
    leads: Leads,
    claims: dict[str, Claim],
    documents: dict[str, Document],
    conflicts: Sequence[Conflict],
    dead: float = 0,
) -> HeadlineFigure:
    # Documents that state a figure outvote those that state only a bound ("several were shot").
    exact = [figure for figure, lead in leads.values() if all(_exact(c) for c in lead)]
    votes = Counter(exact or [figure for figure, _ in leads.values()])
    best = max(votes, key=lambda figure: (votes[figure], figure))
    behind = [c for figure, lead in leads.values() if figure == best for c in lead]
    voted = [c for _, lead in leads.values() for c in lead]  # every document's figure: all cited
    ids = {c.id for c in behind}
    chosen = max(
        enumerate(group), key=lambda item: (len(ids & set(item[1].claims)), item[1].sources, -item[0])
    )[1]
    number = _number(best)
    # A shot estimate behind an injured figure counts the dead too.
    less = dead if chosen.metric == "shot" and metric != "shot" else 0

    def shifted(value: Number | None) -> Number | None:
        return None if value is None else _number(max(0.0, value - less))

    low, high, conservative = shifted(chosen.low), shifted(chosen.high), shifted(chosen.conservative)
    low = number if low is None else min(low, number)
    high = number if high is None else max(high, number)
    conservative = number if conservative is None else min(conservative, number)
    return HeadlineFigure(
        event=event.id,
        metric=metric,
        place=chosen.place,
        low=low,
        best=number,
        high=high,
        conservative=conservative,
        reading=_majority_reading([claim_reading(c, documents.get(c.document)) for c in voted]),
        documents=sorted({c.document for c in voted}),
        claims=[c.id for c in sorted(voted, key=lambda c: (c.document, c.sentence, c.id))],
        disagree=len(votes) > 1 or _disagree(chosen, claims, conflicts),
        parts=len(group) - 1,
    )


def main_event(
    linked_events: Sequence[LinkedEvent], claims: Sequence[Claim], events_of: dict[str, str]
) -> str | None:
    """The linked event most documents report (tie-breaks in the module docstring).

    `events_of` maps a per-document Event id to its LinkedEvent id.
    """
    casualty_docs: dict[str, set[str]] = {}
    casualty_claims: Counter[str] = Counter()
    for claim in claims:
        linked = events_of.get(claim.event or "")
        if linked is not None and claim.metric in CASUALTY_METRICS and claim.span.grounded:
            casualty_docs.setdefault(linked, set()).add(claim.document)
            casualty_claims[linked] += 1
    best: tuple[int, int, int, int] | None = None
    chosen: str | None = None
    for n, event in enumerate(linked_events):
        key = (len(set(event.documents)), len(casualty_docs.get(event.id, ())), casualty_claims[event.id], -n)
        if best is None or key > best:
            best, chosen = key, event.id
    return chosen


def add_headlines(report: Report) -> Report:
    """`report` with each linked event's headline figures and the report's main event set (in place)."""
    claims = {c.id: c for c in report.claims}
    documents = {d.id: d for d in report.documents}
    events_of = {member: event.id for event in report.linked_events for member in event.members}
    facts = ReportFacts.of(report.estimates, claims, documents)
    for event in report.linked_events:
        event.headlines = headline_figures(
            event, report.estimates, claims, documents, report.conflicts, facts
        )
    report.main_event = main_event(report.linked_events, report.claims, events_of)
    return report
