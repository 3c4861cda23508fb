"""The `questions` strategy: the rules' labels, changed only where the model answers a
one-decision question confidently and is trusted to decide that kind better than the rules.

The `candidates` strategy asks a small model to fill a long form in one answer; it does worse
than the rules alone. Here each question is one decision among options that code made (what a
figure counts, or where the counted people were), the answer is one option letter, and the
backend reads the probability of each option from the answer token's log-probabilities. The
rules' own answer is always among the options, so a question can only confirm it or replace
it. Every question of a document starts with the same article excerpt, so a llama.cpp server
reads that prefix once and each further question costs a few dozen tokens.

Which decision kinds are asked, and from what confidence the model's answer replaces the
rules', is the calibration in `THRESHOLDS` (measured by `benchmarks/calibrate_questions.py`
on the dev folders; a kind where the model does not beat the rules is not asked at all).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from summarizer.backends.prompts import load_prompt
from summarizer.backends.protocol import OPTION_LABELS, ChoiceRequest, ChoosingLLM, choose_counted
from summarizer.config import DECISION_KINDS
from summarizer.extraction.candidates import claim_place_options
from summarizer.extraction.finder import Candidates, ClaimCandidate, find_candidates
from summarizer.extraction.rules import label_with_rules
from summarizer.schemas import Claim, Document, DocumentExtraction, Usage
from summarizer.text.metrics import counted_metric, is_casualty_metric, normalize_metric
from summarizer.text.numbers import NUMBER_PATTERN

# A decision kind's threshold: the model's answer replaces the rules' when the model gives it at
# least this probability. None: the kind is not asked (the model did not beat the rules on dev).
# Measured by benchmarks/calibrate_questions.py; the README shows the calibration table. On the
# dev annotation `verify` and `person` gain at 0.375 (+6 and +4 decisions), but they lower the
# gva-dev headline accuracy (injured exact 10/20 against the rules' 13/20), so neither is on;
# `measure`, `place` and `unhinted` lose at every threshold.
THRESHOLDS: dict[str, float | None] = dict.fromkeys(DECISION_KINDS)

# What a figure may count besides the rules' reading: the casualty counts readers ask for first.
# Few options keep a small model's choice easy; "none of these" is always the last option.
ALTERNATIVE_SLOTS: tuple[tuple[str, str | None], ...] = (
    ("killed", None),
    ("injured", None),
    ("hospitalized", None),
    ("missing", None),
)
MAX_ALTERNATIVES = 3
MAX_PLACES = 5
# The article excerpt every question of a document starts with: the lede and every sentence that
# holds a figure, cut at this many characters (about 900 tokens) so the prefix stays cheap.
MAX_CONTEXT_CHARS = 3600
LEDE_SENTENCES = 2

Slot = tuple[str, str | None]  # (metric, group)
TASKS = {"person": "verify"}  # kinds that ask another kind's question, about fewer figures
NONE = "none"  # the answer that rejects the figure, or leaves its place unsaid


@dataclass(frozen=True)
class Question:
    """One decision about one figure. `values` are the answers (a slot, a place or NONE), in the
    order of their option letters; `rules` is the index of the rules' own answer."""

    kind: str
    candidate: str
    text: str
    options: tuple[str, ...]
    values: tuple[object, ...]
    rules: int

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(OPTION_LABELS[: len(self.options)])


@dataclass(frozen=True)
class Answer:
    question: Question
    probabilities: dict[str, float] = field(default_factory=dict)

    @property
    def challenger(self) -> tuple[int, float]:
        """The model's most probable option other than the rules' answer, and its probability:
        the answer that would replace the rules'."""
        question = self.question
        scores = [self.probabilities.get(label, 0.0) for label in question.labels]
        others = [i for i in range(len(scores)) if i != question.rules]
        index = max(others, key=scores.__getitem__)
        return index, scores[index]


def slot_text(slot: Slot) -> str:
    """How an option reads: ("injured", None) -> "people injured", ("killed", "suspects") ->
    "suspects killed", ("houses_damaged", None) -> "houses damaged"."""
    metric, group = slot
    words = metric.replace("_", " ")
    if group:
        return f"{group} {words}"
    return f"people {words}" if is_casualty_metric(metric) and "_" not in metric else words


def _same_slot(a: Slot, b: Slot) -> bool:
    return counted_metric(a[0], a[1]) == counted_metric(b[0], b[1])


def measure_question(candidate: ClaimCandidate, rules: Slot | None) -> Question:
    """What the figure counts: the rules' reading (when there is one), a few casualty counts,
    or none of these (not a count about this incident)."""
    slots: list[Slot] = [rules] if rules else []
    for slot in ALTERNATIVE_SLOTS:
        if len(slots) >= (1 if rules else 0) + MAX_ALTERNATIVES + (0 if rules else 1):
            break
        if not any(_same_slot(slot, s) for s in slots):
            slots.append(slot)
    values: list[object] = [*slots, NONE]
    options = [slot_text(s) for s in slots] + ["none of these, or not a count about this incident"]
    text = f"In the sentence «{_marked(candidate)}», what does the marked figure «{candidate.phrase}» count?"
    kind = "measure" if rules else "unhinted"
    return Question(kind, candidate.id, text, tuple(options), tuple(values), 0 if rules else len(slots))


def is_person_mention(candidate: ClaimCandidate) -> bool:
    """A person the finder counts as one casualty ("Maria Lopez", "her brother's wife") rather
    than a number: the reading the rules are least sure of, since a name in a story about a
    shooting may be a victim, a witness or a relative."""
    q = candidate.quantity
    return q.low == q.high == 1 and re.search(NUMBER_PATTERN, candidate.phrase, re.IGNORECASE) is None


def verify_question(candidate: ClaimCandidate, rules: Slot, kind: str = "verify") -> Question:
    """Whether the figure counts what the rules read: yes (keep it) or no (drop it). The
    `person` kind asks the same question about person mentions only."""
    text = (
        f"In the sentence «{_marked(candidate)}», is «{candidate.phrase}» the number of "
        f"{slot_text(rules)} in the incident the article reports?"
    )
    options = ("yes", "no: it counts something else, or it is a name, an age, a time or another incident")
    return Question(kind, candidate.id, text, options, (rules, NONE), 0)


def place_question(options: Sequence[str], rules: str | None, candidate: ClaimCandidate) -> Question:
    """Where the counted people or things were, among the places code found for the figure."""
    places = [p for p in options if p != "unknown"][:MAX_PLACES]
    if rules and rules not in places:
        places = [rules, *places[: MAX_PLACES - 1]]
    values: list[object] = [*places, NONE]
    text = (
        f"In the sentence «{_marked(candidate)}», where were the people or things counted by "
        f"«{candidate.phrase}»?"
    )
    rules_index = places.index(rules) if rules in places else len(places)
    labels = [*places, "none of these places"]
    return Question("place", candidate.id, text, tuple(labels), tuple(values), rules_index)


def _marked(candidate: ClaimCandidate) -> str:
    """The figure's sentence with the figure marked: ... left ⟦19⟧ injured ..."""
    sentence = candidate.sentence_text
    offset = sentence.find(candidate.phrase)
    if offset < 0:
        return sentence.replace("\n", " ")
    end = offset + len(candidate.phrase)
    return f"{sentence[:offset]}⟦{candidate.phrase}⟧{sentence[end:]}".replace("\n", " ")


def article_context(document: Document, candidates: Candidates) -> str:
    """The excerpt every question starts with: the lede, then each sentence holding a figure,
    in the article's order, "…" where sentences are left out; at most MAX_CONTEXT_CHARS."""
    wanted = sorted(
        {*range(min(LEDE_SENTENCES, len(document.sentences))), *(c.sentence for c in candidates.claims)}
    )
    pieces: list[str] = []
    size = 0
    previous = -1
    for index in wanted:
        sentence = document.sentences[index]
        text = " ".join(document.text[sentence.start : sentence.end].split())
        if size + len(text) > MAX_CONTEXT_CHARS:
            break
        if previous >= 0 and index != previous + 1:
            pieces.append("…")
        pieces.append(text)
        size += len(text) + 1
        previous = index
    return "\n".join(pieces)


def _baseline_by_candidate(baseline: DocumentExtraction, candidates: Candidates) -> dict[str, Claim]:
    by_start = {c.span.start: c for c in baseline.claims if c.span is not None}
    return {c.id: by_start[c.start] for c in candidates.claims if c.start in by_start}


def document_questions(
    document: Document,
    candidates: Candidates,
    baseline: DocumentExtraction,
    kinds: Sequence[str],
) -> list[Question]:
    """The questions of `kinds` about this document's figures (no model involved)."""
    claims = _baseline_by_candidate(baseline, candidates)
    questions: list[Question] = []
    for candidate in candidates.claims:
        claim = claims.get(candidate.id)
        if claim is None:
            if "unhinted" in kinds and candidate.metric_hint is None:
                questions.append(measure_question(candidate, None))
            continue
        if "measure" in kinds:
            questions.append(measure_question(candidate, (claim.metric, claim.group)))
        if "verify" in kinds:
            questions.append(verify_question(candidate, (claim.metric, claim.group)))
        if "person" in kinds and is_person_mention(candidate):
            questions.append(verify_question(candidate, (claim.metric, claim.group), "person"))
        if "place" in kinds:
            options = claim_place_options(document, candidate, candidates)
            if len([p for p in options if p != "unknown"]) >= 2:
                questions.append(place_question(options, claim.place, candidate))
    return questions


def question_request(document: Document, context: str, question: Question) -> ChoiceRequest:
    prompt = load_prompt("question")
    messages = prompt.render(
        document_id=document.id,
        context=context,
        question=question.text,
        options=[
            {"label": label, "text": text}
            for label, text in zip(question.labels, question.options, strict=True)
        ],
    )
    return ChoiceRequest(
        task=f"question-{TASKS.get(question.kind, question.kind)}",
        prompt_version=prompt.version,
        messages=messages,
        options=question.labels,
    )


def ask(
    llm: ChoosingLLM, document: Document, candidates: Candidates, questions: Sequence[Question], usage: Usage
) -> list[Answer]:
    """Every question of one document, back to back, so the server reuses the article prefix."""
    context = article_context(document, candidates)
    return [
        Answer(q, choose_counted(llm, question_request(document, context, q), usage).probabilities)
        for q in questions
    ]


def decide(answer: Answer, threshold: float | None) -> object:
    """The answer used: the model's best alternative to the rules' answer where the model gives
    it at least `threshold` (calibrated per kind; it may be under one half where the model
    leans towards the rules' answer by habit but still singles out the wrong ones), else the
    rules'."""
    question = answer.question
    rules = question.values[question.rules]
    if threshold is None:
        return rules
    index, probability = answer.challenger
    return question.values[index] if probability >= threshold else rules


def apply_answers(
    document: Document,
    candidates: Candidates,
    baseline: DocumentExtraction,
    answers: Sequence[Answer],
    thresholds: Mapping[str, float | None],
) -> list[Claim]:
    """The baseline's claims with the confident answers applied; a figure answered "none of
    these" is dropped, one that repeats another claim after the change is kept once."""
    by_candidate = _baseline_by_candidate(baseline, candidates)
    found = {c.id: c for c in candidates.claims}
    changes: dict[str, dict[str, object]] = {}
    added: list[Claim] = []
    for answer in answers:
        q = answer.question
        value = decide(answer, thresholds.get(q.kind))
        if q.kind == "unhinted":
            if isinstance(value, tuple):
                added.append(_new_claim(document, found[q.candidate], value, baseline, candidates))
            continue
        update = changes.setdefault(q.candidate, {})
        if q.kind in ("measure", "verify", "person"):
            if value == NONE:
                update["drop"] = True
            elif isinstance(value, tuple):
                update["metric"], update["group"] = normalize_metric(value[0]), value[1]
        elif q.kind == "place" and value != NONE:
            update["place"] = value
    kept: list[Claim] = []
    id_of = {claim.id: cid for cid, claim in by_candidate.items()}
    for claim in [*baseline.claims, *added]:
        update = changes.get(id_of.get(claim.id, ""), {})
        if update.pop("drop", False):
            continue
        kept.append(claim.model_copy(update=update) if update else claim)
    seen: set[tuple[object, ...]] = set()
    claims: list[Claim] = []
    for claim in sorted(kept, key=lambda c: (c.sentence, (c.span.start or 0) if c.span else 0)):
        amount = claim.quantity
        key = (
            counted_metric(claim.metric, claim.group),
            claim.place,
            amount.low,
            amount.high,
            amount.nominal,
            claim.attributed_to,
        )
        if key in seen:
            continue
        seen.add(key)
        claims.append(claim.model_copy(update={"id": f"{document.id}:c{len(claims) + 1}"}))
    return claims


def _new_claim(
    document: Document,
    candidate: ClaimCandidate,
    slot: Slot,
    baseline: DocumentExtraction,
    candidates: Candidates,
) -> Claim:
    from summarizer.schemas import Span, SpanStatus

    places = candidate.places or candidates.main_places
    return Claim(
        id=f"{document.id}:{candidate.id}",
        document=document.id,
        sentence=candidate.sentence,
        metric=normalize_metric(slot[0]),
        group=slot[1],
        place=places[0] if places else None,
        quantity=candidate.quantity,
        event=baseline.events[0].id if baseline.events else None,
        attributed_to=candidate.sources[0].name if candidate.sources else None,
        span=Span(text=candidate.phrase, start=candidate.start, end=candidate.end, status=SpanStatus.EXACT),
    )


def run_thresholds(ask: Mapping[str, float | None] | None) -> Mapping[str, float | None]:
    """A run's thresholds: the kinds its settings ask, else the calibrated `THRESHOLDS`."""
    return THRESHOLDS if ask is None else ask


def asked_kinds(thresholds: Mapping[str, float | None]) -> list[str]:
    return [kind for kind, threshold in thresholds.items() if threshold is not None]


def extract_by_questions(
    document: Document, llm: object, asking: Mapping[str, float | None] | None = None
) -> DocumentExtraction:
    """The rules' extraction, with the confident answers of the asked kinds applied."""
    from summarizer.errors import BackendError

    thresholds = run_thresholds(asking)
    candidates = find_candidates(document)
    baseline = label_with_rules(document, candidates)
    kinds = asked_kinds(thresholds)
    usage = Usage()
    if not kinds:
        return baseline.model_copy(update={"usage": usage})
    if not isinstance(llm, ChoosingLLM):
        raise BackendError("the questions strategy needs a backend that answers with log-probabilities")
    questions = document_questions(document, candidates, baseline, kinds)
    answers = ask(llm, document, candidates, questions, usage)
    claims = apply_answers(document, candidates, baseline, answers, thresholds)
    return baseline.model_copy(update={"claims": claims, "usage": usage})
