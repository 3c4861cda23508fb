"""Quality against human annotations: score one Report against one case, run a folder of cases.

Deterministic, no LLM. The scorer's conventions, each asserted by tests/evaluation/test_scoring.py:

- Every score keeps its exact counts (tp, fp, fn; hits of total) so runs can be compared; a
  rate whose denominator is zero is None ("undefined"), never 0: a report with no claims has
  claim precision None, and against a non-empty gold recall 0 and F1 0.
- Matching is one-to-one and maximal (augmenting paths, gold and output visited in their
  list order, so the result is deterministic). An output item can match one gold item at most,
  so a figure extracted twice is one true positive and one false positive.
- Claims match on document, metric (after `normalize_metric`), the same place and an
  identical interval: low and high exactly equal, or, when both bounds are open, the same
  nominal figure ("about 80"). The loose score ignores the place.
- Places match by `matching.places_match`: the same place(s) after normalization (case,
  accents, place-type words, aliases), a container unsaid on one side ("Cypress" is "Cypress,
  Texas"), never by a container or a part ("Texas" is not "Cypress, Texas"). A
  gold claim without a place accepts any place; an output claim without a place misses a gold one.
- A quote is verbatim when its text, with curly quotes, dashes and whitespace normalized, is
  in its article. An output quote finds a gold quote of the same document by
  `matching.quotes_match`: one text (or span) holds the other and is at most 1.5 times as long.
  The speaker is right by `matching.speakers_match`: the full name, or the gold role as an
  alias; a shared surname or a subset of words is not enough.
- A `not_quotes` entry counts as extracted when an output quote of its document matches it by
  the same rule as quotes.
- Conflicts match on kind, document set, metric and place (the same place when both are given).
  Cross-document conflicts count per pair of documents they set against each other, on both
  sides, so one finding over four documents can be compared with the pairwise annotation.
- A `must_not_conflict` pair is flagged when one output conflict holds two different claims
  that refer to its `a` and its `b` (document, metric, place; the event where the annotation
  names one and the claim's figure is annotated). Here places are compatible when the words of
  one are among the other's: the check exists to catch forbidden conflicts, so it leans
  towards flagging.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Literal, TypeVar

from pydantic import BaseModel, Field, computed_field

from summarizer.evaluation.cases import Case, ClaimRef, GoldConflict, find_cases, load_case, locate_exact
from summarizer.evaluation.matching import (
    PLACE_ALIASES,
    normalize_quote_text,
    places_match,
    quotes_match,
    speakers_match,
    words,
)
from summarizer.schemas import Claim, Conflict, ConflictKind, Quantity, Quote, Report, RunInfo, Usage
from summarizer.text.metrics import counted_metric, normalize_metric

G = TypeVar("G")
P = TypeVar("P")

# --------------------------------------------------------------------------- score models


def rate(hits: int, total: int) -> float | None:
    """hits / total, or None when there is nothing to divide by."""
    return hits / total if total else None


class Counts(BaseModel):
    """Matched (tp), output left unmatched (fp) and gold left unmatched (fn)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @computed_field  # type: ignore[prop-decorator]
    @property
    def precision(self) -> float | None:
        return rate(self.tp, self.tp + self.fp)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def recall(self) -> float | None:
        return rate(self.tp, self.tp + self.fn)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def f1(self) -> float | None:
        # 2PR/(P+R) written on counts: defined whenever there is gold or output at all.
        return rate(2 * self.tp, 2 * self.tp + self.fp + self.fn)

    def __add__(self, other: Counts) -> Counts:
        return Counts(tp=self.tp + other.tp, fp=self.fp + other.fp, fn=self.fn + other.fn)


class Ratio(BaseModel):
    hits: int = 0
    total: int = 0

    @computed_field  # type: ignore[prop-decorator]
    @property
    def value(self) -> float | None:
        return rate(self.hits, self.total)

    def __add__(self, other: Ratio) -> Ratio:
        return Ratio(hits=self.hits + other.hits, total=self.total + other.total)


class ClaimScore(BaseModel):
    strict: Counts = Field(default_factory=Counts, description="document, metric, place, interval")
    loose: Counts = Field(default_factory=Counts, description="document, metric, interval; place ignored")

    def __add__(self, other: ClaimScore) -> ClaimScore:
        return ClaimScore(strict=self.strict + other.strict, loose=self.loose + other.loose)


class QuoteScore(BaseModel):
    found: Counts = Field(default_factory=Counts, description="output quotes matched to gold quotes")
    verbatim: Ratio = Field(default_factory=Ratio, description="output quotes whose text is in the article")
    speaker: Ratio = Field(default_factory=Ratio, description="right speaker among matched quotes")
    not_quotes_extracted: int = Field(default=0, description="annotated non-quotes extracted (errors)")
    not_quotes: int = 0

    def __add__(self, other: QuoteScore) -> QuoteScore:
        return QuoteScore(
            found=self.found + other.found,
            verbatim=self.verbatim + other.verbatim,
            speaker=self.speaker + other.speaker,
            not_quotes_extracted=self.not_quotes_extracted + other.not_quotes_extracted,
            not_quotes=self.not_quotes + other.not_quotes,
        )


class ConflictScore(BaseModel):
    overall: Counts = Field(default_factory=Counts)
    by_kind: dict[str, Counts] = Field(
        default_factory=lambda: {kind.value: Counts() for kind in ConflictKind}
    )
    must_not_conflict_flagged: int = Field(default=0, description="must be 0")
    must_not_conflict: int = Field(default=0, description="pairs annotated")

    def __add__(self, other: ConflictScore) -> ConflictScore:
        kinds = dict.fromkeys([*self.by_kind, *other.by_kind])
        return ConflictScore(
            overall=self.overall + other.overall,
            by_kind={k: self.by_kind.get(k, Counts()) + other.by_kind.get(k, Counts()) for k in kinds},
            must_not_conflict_flagged=self.must_not_conflict_flagged + other.must_not_conflict_flagged,
            must_not_conflict=self.must_not_conflict + other.must_not_conflict,
        )


class CaseScore(BaseModel):
    case: str
    documents: int = 0
    claims: ClaimScore = Field(default_factory=ClaimScore)
    quotes: QuoteScore = Field(default_factory=QuoteScore)
    conflicts: ConflictScore = Field(default_factory=ConflictScore)
    usage: Usage = Field(default_factory=Usage)
    seconds: float = Field(default=0.0, description="wall time of the whole run of the case")
    ungrounded: int = Field(default=0, description="output claims and quotes not found in their text")
    failures: int = Field(default=0, description="Report.failures: documents or stages that did not complete")
    missing_documents: list[str] = Field(
        default_factory=list, description="annotated documents whose article file is missing"
    )


class CaseError(BaseModel):
    """A case that could not be loaded, run or scored; the other cases still ran."""

    case: str
    path: str
    stage: Literal["load", "run", "score"]
    error: str


class EvalResult(BaseModel):
    cases_dir: str
    run: RunInfo | None = Field(default=None, description="backend and model of the first report")
    cases: list[CaseScore] = Field(default_factory=list)
    errors: list[CaseError] = Field(default_factory=list)
    overall: CaseScore = Field(description="micro-averaged: the sum of the cases' counts")


# --------------------------------------------------------------------------- matching


def max_matching(
    gold: Sequence[G], output: Sequence[P], compatible: Callable[[G, P], bool]
) -> list[tuple[int, int]]:
    """A maximum one-to-one matching as (gold index, output index) pairs, sorted by gold index.

    Kuhn's augmenting paths: a greedy choice could leave a gold item unmatched that another
    assignment would match (an output "Kharkiv" compatible with gold "Kharkiv" and
    "Kharkiv and Odesa"). Candidates are tried in list order, so the result is deterministic.
    """
    candidates = [[j for j, item in enumerate(output) if compatible(g, item)] for g in gold]
    owner: dict[int, int] = {}  # output index -> gold index

    def augment(root: int) -> bool:
        """Find a free output for `root`, moving earlier gold items along (iterative DFS)."""
        visited: set[int] = set()
        stack = [(root, iter(candidates[root]))]
        chosen: list[int] = []  # chosen[k]: the output taken at depth k
        while stack:
            _, options = stack[-1]
            for j in options:
                if j in visited:
                    continue
                visited.add(j)
                chosen.append(j)
                if j not in owner:
                    for (i, _), taken in zip(stack, chosen, strict=True):
                        owner[taken] = i
                    return True
                stack.append((owner[j], iter(candidates[owner[j]])))
                break
            else:
                stack.pop()
                if chosen:
                    chosen.pop()
        return False

    for i in range(len(gold)):
        augment(i)
    return sorted((i, j) for j, i in owner.items())


def blocked_matching(
    gold: Sequence[G],
    output: Sequence[P],
    gold_key: Callable[[G], Hashable],
    output_key: Callable[[P], Hashable],
    compatible: Callable[[G, P], bool],
) -> tuple[Counts, list[tuple[G, P]]]:
    """Match within blocks of equal key only (same document and metric...), then count."""
    gold_blocks: dict[Hashable, list[G]] = defaultdict(list)
    output_blocks: dict[Hashable, list[P]] = defaultdict(list)
    for g in gold:
        gold_blocks[gold_key(g)].append(g)
    for p in output:
        output_blocks[output_key(p)].append(p)
    pairs: list[tuple[G, P]] = []
    for key, block in gold_blocks.items():
        others = output_blocks.get(key, [])
        pairs.extend((block[i], others[j]) for i, j in max_matching(block, others, compatible))
    counts = Counts(tp=len(pairs), fp=len(output) - len(pairs), fn=len(gold) - len(pairs))
    return counts, pairs


# --------------------------------------------------------------------------- places and names

# The scorer keeps its own place and name rules (evaluation.matching), independent of
# reconcile's, so that a bug in the pipeline's normalization cannot cancel out in its own score.
# Words that join or decorate place names without naming a place.
PLACE_FILLER = frozenset({"the", "and", "of", "in", "at", "on", "a", "an", "s"})


def place_words(place: str) -> frozenset[str]:
    return frozenset(PLACE_ALIASES.get(w, w) for w in words(place) if w not in PLACE_FILLER)


def places_compatible(a: str, b: str) -> bool:
    """Loosely the same place (for must_not_conflict only): one's words all among the other's."""
    wa, wb = place_words(a), place_words(b)
    return bool(wa and wb) and (wa <= wb or wb <= wa)


# --------------------------------------------------------------------------- claims


def same_interval(a: Quantity, b: Quantity) -> bool:
    """Numbers match exactly; open on both sides ("about 80") compares the nominal figure."""
    if a.low is None and a.high is None and b.low is None and b.high is None:
        return a.nominal == b.nominal
    return a.low == b.low and a.high == b.high


def claim_place_matches(gold: Claim, output: Claim) -> bool:
    if gold.place is None:
        return True
    return output.place is not None and places_match(gold.place, output.place)


def claim_key(claim: Claim) -> tuple[str, str]:
    """Document and slot: the measure, qualified by a group counted apart ("suspects_killed")."""
    return claim.document, counted_metric(claim.metric, claim.group)


def score_claims(gold: Sequence[Claim], output: Sequence[Claim]) -> ClaimScore:
    strict, _ = blocked_matching(
        gold,
        output,
        claim_key,
        claim_key,
        lambda g, o: same_interval(g.quantity, o.quantity) and claim_place_matches(g, o),
    )
    loose, _ = blocked_matching(
        gold, output, claim_key, claim_key, lambda g, o: same_interval(g.quantity, o.quantity)
    )
    return ClaimScore(strict=strict, loose=loose)


# --------------------------------------------------------------------------- quotes


def quote_found(gold: Quote, output: Quote) -> bool:
    return quotes_match(gold.text, gold.span, output.text, output.span)


def score_quotes(case: Case, output: Sequence[Quote]) -> QuoteScore:
    articles = {doc.id: normalize_quote_text(doc.text) for doc in case.documents}
    verbatim = sum(
        1
        for quote in output
        if (text := normalize_quote_text(quote.text)) and text in articles.get(quote.document, "")
    )

    def by_document(quote: Quote) -> str:
        return quote.document

    found, pairs = blocked_matching(case.quotes, output, by_document, by_document, quote_found)
    speakers = sum(1 for gold, out in pairs if speakers_match(gold.speaker, out.speaker, gold.role))
    texts = {doc.id: doc.text for doc in case.documents}
    extracted = sum(
        1
        for nq in case.not_quotes
        if any(
            q.document == nq.document
            and quotes_match(nq.text, locate_exact(texts.get(nq.document, ""), nq.text), q.text, q.span)
            for q in output
        )
    )
    return QuoteScore(
        found=found,
        verbatim=Ratio(hits=verbatim, total=len(output)),
        speaker=Ratio(hits=speakers, total=len(pairs)),
        not_quotes_extracted=extracted,
        not_quotes=len(case.not_quotes),
    )


# --------------------------------------------------------------------------- conflicts


@dataclass(frozen=True)
class ConflictUnit:
    """What one counted conflict finding is about."""

    kind: str
    documents: frozenset[str]
    metric: str
    place: str | None


def conflict_units(kind: str, documents: Iterable[str], metric: str, place: str | None) -> list[ConflictUnit]:
    docs = sorted(set(documents))
    metric = normalize_metric(metric)
    groups = (
        [frozenset(pair) for pair in combinations(docs, 2)]
        if kind == ConflictKind.CROSS_DOCUMENT.value and len(docs) > 2
        else [frozenset(docs)]
    )
    return [ConflictUnit(kind, group, metric, place) for group in groups]


def gold_conflict_units(conflict: GoldConflict) -> list[ConflictUnit]:
    return conflict_units(conflict.kind.value, conflict.documents, conflict.metric, conflict.place)


def output_conflict_units(conflict: Conflict) -> list[ConflictUnit]:
    documents = [side.document for side in conflict.sides]
    return conflict_units(conflict.kind.value, documents, conflict.metric, conflict.place)


def conflict_unit_matches(gold: ConflictUnit, output: ConflictUnit) -> bool:
    if gold.documents != output.documents:
        return False
    return gold.place is None or output.place is None or places_match(gold.place, output.place)


def unit_key(unit: ConflictUnit) -> tuple[str, str]:
    return unit.kind, unit.metric


def claim_refers_to(claim: Claim, ref: ClaimRef, gold_claims: Sequence[Claim]) -> bool:
    """Whether an output claim is the one an annotated reference (document/metric/place) means.

    An unknown place or event is given the benefit of the doubt: the check exists to catch
    forbidden conflicts, so it leans towards flagging.
    """
    if claim.document != ref.document or counted_metric(claim.metric, claim.group) != normalize_metric(
        ref.metric
    ):
        return False
    if ref.place is not None and claim.place is not None and not places_compatible(ref.place, claim.place):
        return False
    # cases.ClaimRef may not keep the annotation's optional `event`; used when it does.
    event: str | None = ref.event
    if event is None:
        return True
    # The claim's event is known when its figure is annotated: gold claims of the same
    # document, metric and interval say which events that figure belongs to.
    events = {
        g.event
        for g in gold_claims
        if claim_key(g) == claim_key(claim) and same_interval(g.quantity, claim.quantity) and g.event
    }
    return not events or f"{ref.document}:{event}" in events


def count_flagged(case: Case, report: Report) -> int:
    """How many `must_not_conflict` pairs some output conflict joins."""
    claims = {claim.id: claim for claim in report.claims}
    flagged = 0
    for pair in case.must_not_conflict:
        for conflict in report.conflicts:
            members = {cid: claims[cid] for side in conflict.sides for cid in side.claims if cid in claims}
            a_ids = {cid for cid, c in members.items() if claim_refers_to(c, pair.a, case.claims)}
            b_ids = {cid for cid, c in members.items() if claim_refers_to(c, pair.b, case.claims)}
            if any(a != b for a in a_ids for b in b_ids):
                flagged += 1
                break
    return flagged


def score_conflicts(case: Case, report: Report) -> ConflictScore:
    gold = [unit for conflict in case.conflicts for unit in gold_conflict_units(conflict)]
    output = [unit for conflict in report.conflicts for unit in output_conflict_units(conflict)]
    by_kind: dict[str, Counts] = {}
    for kind in ConflictKind:
        counts, _ = blocked_matching(
            [u for u in gold if u.kind == kind.value],
            [u for u in output if u.kind == kind.value],
            unit_key,
            unit_key,
            conflict_unit_matches,
        )
        by_kind[kind.value] = counts
    return ConflictScore(
        overall=sum(by_kind.values(), Counts()),
        by_kind=by_kind,
        must_not_conflict_flagged=count_flagged(case, report),
        must_not_conflict=len(case.must_not_conflict),
    )


# --------------------------------------------------------------------------- one case, many cases


def score_case(case: Case, report: Report, *, seconds: float = 0.0) -> CaseScore:
    """Score what the pipeline produced for a case's documents against the case's annotation."""
    return CaseScore(
        case=case.name,
        documents=len(case.documents),
        claims=score_claims(case.claims, report.claims),
        quotes=score_quotes(case, report.quotes),
        conflicts=score_conflicts(case, report),
        usage=report.usage.model_copy(),
        seconds=seconds,
        ungrounded=report.ungrounded_count,
        failures=len(report.failures),
        missing_documents=list(case.missing_documents),
    )


def total_score(scores: Iterable[CaseScore], name: str = "overall") -> CaseScore:
    """Micro-average: counts are summed, rates recomputed from the sums."""
    total = CaseScore(case=name)
    for score in scores:
        total.documents += score.documents
        total.claims += score.claims
        total.quotes += score.quotes
        total.conflicts += score.conflicts
        total.usage.add(score.usage)
        total.seconds += score.seconds
        total.ungrounded += score.ungrounded
        total.failures += score.failures
        total.missing_documents += [f"{score.case}/{doc}" for doc in score.missing_documents]
    return total


def one_line(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}".splitlines()[0]


def evaluate_cases(
    cases_dir: Path,
    run_case: Callable[[Case], Report],
    *,
    on_case: Callable[[CaseScore | CaseError], None] | None = None,
) -> EvalResult:
    """Run `run_case` on every case folder under `cases_dir`, time it, score it, add it up.

    A case that cannot be loaded, run or scored becomes a CaseError row and the others still
    run (so one broken folder or one failing backend call does not hide the rest).
    `on_case` is called after each case, for progress display.
    """
    scores: list[CaseScore] = []
    errors: list[CaseError] = []
    run_info: RunInfo | None = None
    for path in find_cases(cases_dir):
        row: CaseScore | CaseError
        stage: Literal["load", "run", "score"] = "load"
        try:
            case = load_case(path)
            stage = "run"
            started = time.perf_counter()
            report = run_case(case)
            seconds = time.perf_counter() - started
            stage = "score"
            row = score_case(case, report, seconds=seconds)
            run_info = run_info or report.run
            scores.append(row)
        except Exception as exc:  # isolate cases from each other; the error is reported as a row
            row = CaseError(case=path.name, path=str(path), stage=stage, error=one_line(exc))
            errors.append(row)
        if on_case is not None:
            on_case(row)
    return EvalResult(
        cases_dir=str(cases_dir), run=run_info, cases=scores, errors=errors, overall=total_score(scores)
    )
