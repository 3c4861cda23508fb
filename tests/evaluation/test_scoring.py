"""The scorer, on small hand-made cases with exact counts; the dev annotations only scored against
themselves (every count perfect, whatever the numbers).

Every `HAND_MADE_*` article, claim and quote below was written for these tests; none comes from
a real outlet.
"""

from __future__ import annotations

import itertools
import json
import random
from collections.abc import Callable
from pathlib import Path

import pytest
from paths import C00, DEV, shared
from rich.console import Console
from rich.table import Column

from summarizer.evaluation.cases import (
    Case,
    ClaimRef,
    GoldConflict,
    MustNotConflict,
    NotQuote,
    find_cases,
    load_case,
)
from summarizer.evaluation.scoring import (
    CaseError,
    CaseScore,
    ClaimScore,
    ConflictScore,
    Counts,
    EvalResult,
    QuoteScore,
    Ratio,
    evaluate_cases,
    gold_conflict_units,
    max_matching,
    places_compatible,
    score_case,
    total_score,
)
from summarizer.evaluation.tables import render_eval_tables
from summarizer.schemas import (
    Claim,
    Conflict,
    ConflictKind,
    ConflictSide,
    Document,
    Failure,
    Number,
    Quantity,
    Quote,
    Report,
    RunInfo,
    Span,
    SpanStatus,
    Usage,
)

HAND_MADE_A = (
    "Strikes hit Kyiv and Kharkiv overnight. At least 9 people were killed in Kyiv. "
    "Between 11 and 19 people were injured in Kharkiv, the mayor said. "
    "About 80 percent of Kharkiv was without power. "
    "“We will rebuild every home,” President Volodymyr Zelenskyy said. "
    'NATO\'s Mark Rutte added: "Ukrainians need interceptors tomorrow." '
    "The “front line” did not move."
)
HAND_MADE_B = "Officials in Kyiv said 12 people were killed. The mayor said 12 people died in the capital."


# --------------------------------------------------------------------------- builders


def span_of(text: str, fragment: str) -> Span:
    start = text.find(fragment)
    if start < 0:
        return Span(text=fragment, status=SpanStatus.UNGROUNDED)
    return Span(text=fragment, start=start, end=start + len(fragment), status=SpanStatus.EXACT)


def document(doc_id: str, text: str) -> Document:
    return Document(id=doc_id, text=text, source="hand-made")


DOCS = {"a": document("a", HAND_MADE_A), "b": document("b", HAND_MADE_B)}


def claim(
    claim_id: str,
    doc: str,
    metric: str,
    place: str | None,
    low: Number | None,
    high: Number | None,
    *,
    phrase: str,
    nominal: Number | None = None,
) -> Claim:
    return Claim(
        id=claim_id,
        document=doc,
        sentence=0,
        metric=metric,
        place=place,
        quantity=Quantity(
            phrase=phrase, low=low, high=high, nominal=nominal, approximate=nominal is not None
        ),
        span=span_of(DOCS[doc].text, phrase),
    )


def quote(quote_id: str, doc: str, speaker: str, text: str) -> Quote:
    return Quote(
        id=quote_id, document=doc, sentence=0, speaker=speaker, text=text, span=span_of(DOCS[doc].text, text)
    )


GOLD_CLAIMS = [
    claim("g-killed", "a", "killed", "Kyiv", 9, None, phrase="At least 9 people were killed in Kyiv"),
    claim("g-injured", "a", "injured", "Kharkiv", 11, 19, phrase="Between 11 and 19 people were injured"),
    claim(
        "g-power", "a", "percent_without_power", "Kharkiv", None, None, phrase="About 80 percent", nominal=80
    ),
]
GOLD_QUOTES = [
    quote("g-q1", "a", "Volodymyr Zelenskyy", "We will rebuild every home,"),
    quote("g-q2", "a", "Mark Rutte", "Ukrainians need interceptors tomorrow."),
]
GOLD_RANGE = GoldConflict(
    kind=ConflictKind.WITHIN_DOCUMENT_RANGE, documents=["a"], metric="injured", place="Kharkiv"
)


def hand_made_case(**overrides: object) -> Case:
    fields: dict[str, object] = {
        "name": "hand-made",
        "path": Path("hand-made"),
        "documents": list(DOCS.values()),
        "events": [],
        "claims": GOLD_CLAIMS,
        "quotes": GOLD_QUOTES,
        "not_quotes": [NotQuote(document="a", text="front line")],
        "conflicts": [GOLD_RANGE],
        "must_not_conflict": [],
    }
    fields.update(overrides)
    return Case.model_validate(fields)


def report(
    claims: list[Claim] | None = None,
    quotes: list[Quote] | None = None,
    conflicts: list[Conflict] | None = None,
    usage: Usage | None = None,
) -> Report:
    return Report(
        run=RunInfo(tool_version="test", backend="fake"),
        documents=list(DOCS.values()),
        claims=claims or [],
        quotes=quotes or [],
        conflicts=conflicts or [],
        usage=usage or Usage(),
    )


def conflict(kind: ConflictKind, metric: str, place: str | None, sides: dict[str, list[str]]) -> Conflict:
    return Conflict(
        kind=kind,
        event=None,
        metric=metric,
        place=place,
        sides=[ConflictSide(document=doc, claims=ids) for doc, ids in sides.items()],
        why="hand-made",
    )


RANGE_FOUND = conflict(ConflictKind.WITHIN_DOCUMENT_RANGE, "injured", "Kharkiv", {"a": ["g-injured"]})


# --------------------------------------------------------------------------- claims


def test_perfect_output_scores_every_count_exactly() -> None:
    usage = Usage(prompt_tokens=1200, completion_tokens=80, calls=2, retries=1, reasks=1, seconds=3.5)
    result = score_case(
        hand_made_case(),
        report(GOLD_CLAIMS, GOLD_QUOTES, [RANGE_FOUND], usage=usage),
        seconds=4.25,
    )
    assert result == CaseScore(
        case="hand-made",
        documents=2,
        claims=ClaimScore(strict=Counts(tp=3), loose=Counts(tp=3)),
        quotes=QuoteScore(
            found=Counts(tp=2),
            verbatim=Ratio(hits=2, total=2),
            speaker=Ratio(hits=2, total=2),
            not_quotes_extracted=0,
            not_quotes=1,
        ),
        conflicts=ConflictScore(
            overall=Counts(tp=1),
            by_kind={
                "cross_document": Counts(),
                "within_document_range": Counts(tp=1),
                "revision": Counts(),
                "part_total_tension": Counts(),
            },
        ),
        usage=usage,
        seconds=4.25,
    )
    assert (result.claims.strict.precision, result.claims.strict.recall, result.claims.strict.f1) == (
        1.0,
        1.0,
        1.0,
    )


def test_wrong_interval_misses_both_strict_and_loose() -> None:
    output = [claim("o1", "a", "killed", "Kyiv", 9, 9, phrase="9 people were killed")]
    scores = score_case(hand_made_case(claims=GOLD_CLAIMS[:1]), report(output)).claims
    assert scores == ClaimScore(strict=Counts(tp=0, fp=1, fn=1), loose=Counts(tp=0, fp=1, fn=1))
    assert (scores.strict.precision, scores.strict.recall, scores.strict.f1) == (0.0, 0.0, 0.0)


def test_wrong_place_right_interval_counts_only_in_the_loose_score() -> None:
    output = [claim("o1", "a", "killed", "Kharkiv", 9, None, phrase="At least 9 people were killed")]
    scores = score_case(hand_made_case(claims=GOLD_CLAIMS[:1]), report(output)).claims
    assert scores == ClaimScore(strict=Counts(tp=0, fp=1, fn=1), loose=Counts(tp=1, fp=0, fn=0))


def test_missing_place_misses_a_gold_place_but_a_gold_without_place_accepts_any() -> None:
    no_place = claim("o1", "a", "killed", None, 9, None, phrase="At least 9 people were killed")
    assert score_case(hand_made_case(claims=GOLD_CLAIMS[:1]), report([no_place])).claims.strict == Counts(
        tp=0, fp=1, fn=1
    )
    gold_without_place = claim("g1", "a", "killed", None, 9, None, phrase="At least 9 people were killed")
    somewhere = claim("o1", "a", "killed", "Kyiv city", 9, None, phrase="At least 9 people were killed")
    assert score_case(
        hand_made_case(claims=[gold_without_place]), report([somewhere])
    ).claims.strict == Counts(tp=1)


def test_duplicate_predictions_of_one_gold_claim_are_false_positives() -> None:
    output = [
        claim("o1", "a", "killed", "Kyiv", 9, None, phrase="At least 9 people were killed"),
        claim("o2", "a", "killed", "Kiev", 9, None, phrase="At least 9 people were killed"),
        claim("o3", "a", "killed", "Kyiv", 9, None, phrase="At least 9 people were killed"),
    ]
    scores = score_case(hand_made_case(claims=GOLD_CLAIMS[:1]), report(output)).claims
    assert scores == ClaimScore(strict=Counts(tp=1, fp=2, fn=0), loose=Counts(tp=1, fp=2, fn=0))
    assert scores.strict.precision == pytest.approx(1 / 3)
    assert scores.strict.f1 == pytest.approx(0.5)


def test_metric_synonyms_are_normalized_on_both_sides() -> None:
    output = [
        claim("o1", "a", "dead", "Kyiv", 9, None, phrase="At least 9 people were killed"),
        claim("o2", "a", "wounded", "Kharkiv", 11, 19, phrase="Between 11 and 19 people were injured"),
    ]
    wounded_range = conflict(ConflictKind.WITHIN_DOCUMENT_RANGE, "wounded", "Kharkiv", {"a": ["o2"]})
    result = score_case(hand_made_case(claims=GOLD_CLAIMS[:2]), report(output, conflicts=[wounded_range]))
    assert result.claims.strict == Counts(tp=2)
    assert result.conflicts.overall == Counts(tp=1)


def test_same_figure_in_another_document_does_not_match() -> None:
    output = [claim("o1", "b", "killed", "Kyiv", 9, None, phrase="12 people were killed")]
    assert score_case(hand_made_case(claims=GOLD_CLAIMS[:1]), report(output)).claims.strict == Counts(
        tp=0, fp=1, fn=1
    )


def test_approximate_figures_compare_their_nominal_value() -> None:
    right = claim(
        "o1", "a", "percent_without_power", "Kharkiv", None, None, phrase="About 80 percent", nominal=80
    )
    wrong = claim(
        "o2", "a", "percent_without_power", "Kharkiv", None, None, phrase="About 80 percent", nominal=70
    )
    case = hand_made_case(claims=GOLD_CLAIMS[2:])
    assert score_case(case, report([right])).claims.strict == Counts(tp=1)
    assert score_case(case, report([wrong])).claims.strict == Counts(tp=0, fp=1, fn=1)


def test_matching_is_maximal_where_a_greedy_choice_would_lose_a_match() -> None:
    # g1 has no place, so it accepts o1 and o2; g2 accepts only o1 ("Odesa"). Greedy in list
    # order would give o1 to g1 and leave g2 unmatched.
    gold = [
        claim("g1", "b", "killed", None, 12, 12, phrase="12 people were killed"),
        claim("g2", "b", "killed", "Odesa", 12, 12, phrase="12 people died"),
    ]
    output = [
        claim("o1", "b", "killed", "Odessa", 12, 12, phrase="12 people were killed"),
        claim("o2", "b", "killed", "Kharkiv region", 12, 12, phrase="12 people died"),
    ]
    assert score_case(hand_made_case(claims=gold), report(output)).claims.strict == Counts(tp=2)
    assert max_matching(
        [1, 2], ["ab", "a"], lambda g, o: (g == 1 and "a" in o) or (g == 2 and o == "ab")
    ) == [
        (0, 1),
        (1, 0),
    ]


def brute_force_matching_size(edges: set[tuple[int, int]], n_gold: int, n_output: int) -> int:
    for size in range(min(n_gold, n_output), 0, -1):
        for golds in itertools.combinations(range(n_gold), size):
            for outputs in itertools.permutations(range(n_output), size):
                if all((g, o) in edges for g, o in zip(golds, outputs, strict=True)):
                    return size
    return 0


def linked_by(edges: set[tuple[int, int]]) -> Callable[[int, int], bool]:
    return lambda g, o: (g, o) in edges


def test_max_matching_agrees_with_brute_force_on_random_graphs() -> None:
    rng = random.Random(5)
    for _ in range(150):
        n_gold, n_output = rng.randint(0, 5), rng.randint(0, 5)
        edges = {(g, o) for g in range(n_gold) for o in range(n_output) if rng.random() < 0.4}
        pairs = max_matching(list(range(n_gold)), list(range(n_output)), linked_by(edges))
        assert len(pairs) == brute_force_matching_size(edges, n_gold, n_output)
        assert set(pairs) <= edges
        assert len({g for g, _ in pairs}) == len({o for _, o in pairs}) == len(pairs)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("Kyiv", "Kiev", True),
        ("Kyiv", "kyiv.", True),
        ("Kharkiv and Odesa", "Kharkiv, Odesa", True),
        ("Kharkiv and Odesa", "Odessa and Kharkov", True),
        ("Cypress, Texas", "Cypress", True),
        ("Cypress, TX", "Cypress, Texas", True),
        ("Aceh province", "Aceh", True),
        ("Kyiv", "Kharkiv", False),
        ("Kyiv", "Kyiv and Kharkiv", True),
        ("Chernihiv region", "Kyiv", False),
        ("Aceh province", "Central Aceh district", False),
        ("", "Kyiv", False),
    ],
)
def test_places_compatible_for_must_not_conflict_leans_to_flagging(a: str, b: str, expected: bool) -> None:
    assert places_compatible(a, b) is expected
    assert places_compatible(b, a) is expected


# --------------------------------------------------------------------------- quotes


def test_verbatim_quote_with_straight_quotes_and_a_paraphrase() -> None:
    output = [
        quote("o1", "a", "Zelenskyy", "We will rebuild every home,"),
        # The article has curly quotes; straight ones are still verbatim after normalization.
        quote("o2", "a", "Rutte", 'Ukrainians need interceptors tomorrow."'),
        quote("o3", "a", "Zelenskyy", "We shall rebuild all the homes"),
    ]
    assert score_case(hand_made_case(), report(quotes=output)).quotes == QuoteScore(
        found=Counts(tp=2, fp=1, fn=0),
        verbatim=Ratio(hits=2, total=3),
        speaker=Ratio(hits=0, total=2),  # surnames alone are not the full names
        not_quotes_extracted=0,
        not_quotes=1,
    )


def test_a_quote_matches_only_within_one_and_a_half_times_the_gold_length() -> None:
    short = quote("o1", "a", "Volodymyr Zelenskyy", "rebuild")
    longer = quote("o2", "a", "Mark Rutte", "need interceptors tomorrow.")
    whole_sentence = quote(
        "o3", "a", "Zelenskyy", "“We will rebuild every home,” President Volodymyr Zelenskyy said."
    )
    assert score_case(hand_made_case(), report(quotes=[short, longer])).quotes.found == Counts(
        tp=1, fp=1, fn=1
    )
    # 66 characters for a 27-character gold quote: the span swallows more than the quote.
    assert score_case(hand_made_case(), report(quotes=[whole_sentence])).quotes.found == Counts(
        tp=0, fp=1, fn=2
    )
    with_marks = quote("o4", "a", "Volodymyr Zelenskyy", "“We will rebuild every home,”")
    assert score_case(hand_made_case(), report(quotes=[with_marks])).quotes.found == Counts(tp=1, fp=0, fn=1)


def test_full_name_speaker_is_right_and_a_surname_or_another_person_is_wrong() -> None:
    output = [
        quote("o1", "a", "President Volodymyr Zelensky", "We will rebuild every home,"),
        quote("o2", "a", "Rutte", "Ukrainians need interceptors tomorrow."),
    ]
    assert score_case(hand_made_case(), report(quotes=output)).quotes.speaker == Ratio(hits=1, total=2)


def test_an_extracted_not_quote_is_counted_as_an_error() -> None:
    output = [*GOLD_QUOTES, quote("o3", "a", "unknown", "front line")]
    assert score_case(hand_made_case(), report(quotes=output)).quotes == QuoteScore(
        found=Counts(tp=2, fp=1, fn=0),
        verbatim=Ratio(hits=3, total=3),
        speaker=Ratio(hits=2, total=2),
        not_quotes_extracted=1,
        not_quotes=1,
    )


def test_a_headline_in_capitals_is_not_mistaken_for_the_quote_it_echoes() -> None:
    case = hand_made_case(not_quotes=[NotQuote(document="a", text="UKRAINIANS NEED INTERCEPTORS")])
    assert score_case(case, report(quotes=GOLD_QUOTES)).quotes.not_quotes_extracted == 0


# --------------------------------------------------------------------------- conflicts


def test_conflict_of_the_wrong_kind_is_a_false_positive_and_a_miss() -> None:
    wrong_kind = conflict(ConflictKind.REVISION, "injured", "Kharkiv", {"a": ["g-injured"]})
    scores = score_case(hand_made_case(), report(GOLD_CLAIMS, conflicts=[wrong_kind])).conflicts
    assert scores == ConflictScore(
        overall=Counts(tp=0, fp=1, fn=1),
        by_kind={
            "cross_document": Counts(),
            "within_document_range": Counts(fn=1),
            "revision": Counts(fp=1),
            "part_total_tension": Counts(),
        },
    )


def test_cross_document_conflicts_count_per_pair_of_documents() -> None:
    pairs = [
        GoldConflict(kind=ConflictKind.CROSS_DOCUMENT, documents=[x, y], metric="killed", place="Kyiv")
        for x, y in (("a", "b"), ("a", "c"), ("b", "c"))
    ]
    three_way = conflict(ConflictKind.CROSS_DOCUMENT, "killed", "Kiev", {"a": [], "b": [], "c": []})
    two_way = conflict(ConflictKind.CROSS_DOCUMENT, "killed", None, {"b": [], "a": []})
    scores = score_case(hand_made_case(conflicts=pairs), report(conflicts=[three_way])).conflicts
    assert scores.overall == Counts(tp=3)
    scores = score_case(hand_made_case(conflicts=pairs), report(conflicts=[two_way, two_way])).conflicts
    assert scores.overall == Counts(tp=1, fp=1, fn=2)


def test_a_must_not_conflict_pair_flagged_is_counted() -> None:
    kyiv_a = claim("o1", "a", "killed", "Kyiv", 9, None, phrase="At least 9 people were killed")
    kyiv_b = claim("o2", "b", "killed", "Kyiv", 12, 12, phrase="12 people were killed")
    pair = MustNotConflict(
        a=ClaimRef(document="a", metric="killed", place="Kyiv"),
        b=ClaimRef(document="b", metric="killed", place="Kyiv"),
    )
    joined = conflict(ConflictKind.CROSS_DOCUMENT, "killed", "Kyiv", {"a": ["o1"], "b": ["o2"]})
    apart = conflict(ConflictKind.WITHIN_DOCUMENT_RANGE, "killed", "Kyiv", {"a": ["o1"]})
    case = hand_made_case(claims=[], conflicts=[], must_not_conflict=[pair])
    flagged = score_case(case, report([kyiv_a, kyiv_b], conflicts=[joined, joined])).conflicts
    assert (flagged.must_not_conflict_flagged, flagged.must_not_conflict) == (1, 1)
    assert flagged.overall == Counts(fp=2)
    clean = score_case(case, report([kyiv_a, kyiv_b], conflicts=[apart])).conflicts
    assert (clean.must_not_conflict_flagged, clean.must_not_conflict) == (0, 1)


# --------------------------------------------------------------------------- empty output and totals


def test_empty_report_has_recall_zero_and_undefined_precision() -> None:
    result = score_case(hand_made_case(), report())
    assert result.claims == ClaimScore(strict=Counts(fn=3), loose=Counts(fn=3))
    assert (result.claims.strict.precision, result.claims.strict.recall, result.claims.strict.f1) == (
        None,
        0.0,
        0.0,
    )
    assert result.quotes == QuoteScore(found=Counts(fn=2), not_quotes=1)
    assert (result.quotes.verbatim.value, result.quotes.speaker.value) == (None, None)
    assert result.conflicts.overall == Counts(fn=1)
    assert (Counts().precision, Counts().recall, Counts().f1) == (None, None, None)


def test_ungrounded_items_and_failures_are_carried() -> None:
    invented = quote("o1", "a", "Rutte", "Words nobody said")
    output = report(quotes=[invented])
    output.failures.append(Failure(document="b", stage="extract", reason="hand-made failure"))
    result = score_case(hand_made_case(), output)
    assert (result.ungrounded, result.failures) == (1, 1)


def test_total_is_the_sum_of_counts_not_the_mean_of_rates() -> None:
    one = score_case(hand_made_case(), report(GOLD_CLAIMS), seconds=1.0)
    two = score_case(hand_made_case(), report(), seconds=2.5)
    total = total_score([one, two])
    assert total.claims.strict == Counts(tp=3, fp=0, fn=3)
    assert total.claims.strict.recall == 0.5
    assert (total.documents, total.seconds) == (4, 3.5)


# --------------------------------------------------------------------------- a folder of cases


def write_case(root: Path, name: str, annotations: dict[str, object], articles: dict[str, str]) -> None:
    folder = root / name
    (folder / "articles").mkdir(parents=True)
    for doc_id, text in articles.items():
        (folder / "articles" / f"{doc_id}.txt").write_text(text, encoding="utf-8")
    (folder / "annotations.json").write_text(json.dumps(annotations), encoding="utf-8")


def minimal_annotations(doc_id: str) -> dict[str, object]:
    """Only the keys a case cannot do without; every optional key is left out."""
    return {
        "documents": [{"id": doc_id, "file": f"articles/{doc_id}.txt"}],
        "claims": [
            {
                "document": doc_id,
                "metric": "killed",
                "low": 12,
                "high": 12,
                "evidence": "12 people were killed",
            }
        ],
    }


def run_gold(case: Case) -> Report:
    """A stand-in pipeline that returns the case's own gold claims; fails on 'fails'."""
    if case.name == "c3_fails":
        raise RuntimeError("backend unreachable\nsecond line")
    return Report(
        run=RunInfo(tool_version="test", backend="fake"),
        claims=case.claims,
        usage=Usage(prompt_tokens=10, completion_tokens=2, calls=1),
    )


def test_evaluate_cases_runs_every_folder_and_reports_broken_ones(tmp_path: Path) -> None:
    write_case(tmp_path, "c1_minimal", minimal_annotations("x"), {"x": HAND_MADE_B})
    write_case(tmp_path, "c3_fails", minimal_annotations("y"), {"y": HAND_MADE_B})
    (tmp_path / "c2_broken").mkdir()
    (tmp_path / "c2_broken" / "annotations.json").write_text("{not json", encoding="utf-8")
    (tmp_path / "not_a_case").mkdir()
    seen: list[str] = []

    result = evaluate_cases(tmp_path, run_gold, on_case=lambda row: seen.append(row.case))

    assert seen == ["c1_minimal", "c2_broken", "c3_fails"]
    assert [score.case for score in result.cases] == ["c1_minimal"]
    assert result.cases[0].claims == ClaimScore(strict=Counts(tp=1), loose=Counts(tp=1))
    assert result.cases[0].usage == Usage(prompt_tokens=10, completion_tokens=2, calls=1)
    assert [(e.case, e.stage) for e in result.errors] == [("c2_broken", "load"), ("c3_fails", "run")]
    assert result.errors[1] == CaseError(
        case="c3_fails",
        path=str(tmp_path / "c3_fails"),
        stage="run",
        error="RuntimeError: backend unreachable",
    )
    assert result.overall.claims.strict == Counts(tp=1)
    assert result.run == RunInfo(tool_version="test", backend="fake")


def test_eval_result_json_round_trips_with_rates_included(tmp_path: Path) -> None:
    write_case(tmp_path, "c1_minimal", minimal_annotations("x"), {"x": HAND_MADE_B})
    result = evaluate_cases(tmp_path, run_gold)
    text = result.model_dump_json(indent=2)
    data = json.loads(text)
    assert data["overall"]["claims"]["strict"] == {
        "tp": 1,
        "fp": 0,
        "fn": 0,
        "precision": 1.0,
        "recall": 1.0,
        "f1": 1.0,
    }
    assert EvalResult.model_validate_json(text) == result


def cell(column: Column, row: int) -> object:
    return list(column.cells)[row]


def test_tables_have_one_row_per_case_and_an_overall_row() -> None:
    one = score_case(hand_made_case(), report(GOLD_CLAIMS[:2], GOLD_QUOTES[:1]), seconds=1.5)
    result = EvalResult(cases_dir="hand-made", cases=[one], overall=total_score([one]))
    claims, quotes, conflicts, cost = render_eval_tables(result)
    assert [list(column.cells) for column in claims.columns] == [
        ["hand-made", "overall"],
        ["2", "2"],
        ["0", "0"],
        ["1", "1"],
        ["1.00", "1.00"],
        ["0.67", "0.67"],
        ["0.80", "0.80"],
        ["2", "2"],
        ["1.00", "1.00"],
        ["0.67", "0.67"],
        ["0.80", "0.80"],
    ]
    assert [cell(column, 0) for column in quotes.columns] == [
        "hand-made",
        "1",
        "0",
        "1",
        "1.00",
        "0.50",
        "0.67",
        "1/1 (1.00)",
        "1/1 (1.00)",
        "0/1",
    ]
    assert [cell(column, 0) for column in conflicts.columns][-1] == "0/0"
    assert [cell(column, 1) for column in cost.columns][-3:] == ["1.5", "0", "0"]
    console = Console(width=200, record=True)
    console.print(*render_eval_tables(result))
    assert "Claims" in console.export_text()


# --------------------------------------------------------------------------- the annotations themselves

# Without ../shared: c00 from the project's own fixtures, and one case that skips (fails in CI).
DEV_CASES = find_cases(DEV) if DEV.is_dir() else [C00, DEV]


def gold_as_output(case: Case) -> Report:
    """What a perfect pipeline would return: the gold items, and each gold conflict as a finding
    whose sides hold the gold claims of its documents, metric, place and event."""

    def side(doc: str, gold: GoldConflict) -> ConflictSide:
        ids = [
            c.id
            for c in case.claims
            if c.document == doc
            and c.metric == gold.metric
            and (gold.place is None or c.place is None or places_compatible(gold.place, c.place))
            and (gold.event is None or c.event == f"{doc}:{gold.event}")
        ]
        return ConflictSide(document=doc, claims=ids)

    conflicts = [
        Conflict(
            kind=gold.kind,
            event=gold.event,
            metric=gold.metric,
            place=gold.place,
            sides=[side(doc, gold) for doc in gold.documents],
            why=gold.why,
        )
        for gold in case.conflicts
    ]
    return Report(
        run=RunInfo(tool_version="gold"),
        documents=case.documents,
        claims=case.claims,
        quotes=case.quotes,
        conflicts=conflicts,
    )


@pytest.mark.parametrize("path", DEV_CASES, ids=[p.name for p in DEV_CASES])
def test_gold_scored_against_itself_is_perfect(path: Path) -> None:
    case = load_case(shared(path))
    result = score_case(case, gold_as_output(case))
    n_claims, n_quotes = len(case.claims), len(case.quotes)
    n_conflict_units = sum(len(gold_conflict_units(gold)) for gold in case.conflicts)
    assert result.claims == ClaimScore(strict=Counts(tp=n_claims), loose=Counts(tp=n_claims))
    assert result.quotes == QuoteScore(
        found=Counts(tp=n_quotes),
        verbatim=Ratio(hits=n_quotes, total=n_quotes),
        speaker=Ratio(hits=n_quotes, total=n_quotes),
        not_quotes_extracted=0,
        not_quotes=len(case.not_quotes),
    )
    assert result.conflicts.overall == Counts(tp=n_conflict_units)
    assert result.ungrounded == 0


def test_gold_conflicts_join_no_must_not_conflict_pair() -> None:
    flagged = {
        path.name: score_case(case, gold_as_output(case)).conflicts.must_not_conflict_flagged
        for path in find_cases(shared(DEV))
        for case in [load_case(path)]
    }
    assert flagged == dict.fromkeys(flagged, 0)
