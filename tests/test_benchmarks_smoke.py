"""The benchmark scripts import, and their pure helpers do exactly what their tables rely on.

No model, no timing: the floor and its token counting, the langextract example and the
conversion of langextract extractions to our Claims and Quotes (on hand-made fakes, and on
langextract's own classes when it is installed), the counting transport, the synthetic report
of bench_render, and run_all's command lines.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx2
import pytest
from paths import ROOT, bench_module

# The benchmarks are scripts, not a package: import them the way `python benchmarks/x.py` does.
BENCHMARKS = ROOT / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

import bench_cache  # noqa: E402
import bench_langextract  # noqa: E402
import bench_long_article  # noqa: E402
import bench_render  # noqa: E402
import bench_tokens  # noqa: E402
import run_all  # noqa: E402

from summarizer.backends.embedded import find_free_port  # noqa: E402
from summarizer.evaluation.cases import Case, load_case  # noqa: E402
from summarizer.schemas import Claim, Quantity, Quote, Span, SpanStatus, Usage  # noqa: E402

ARTICLE = (
    "Storm hits Riverton\n\n"
    "A storm killed at least three people in Riverton on Monday, officials said. "
    '"We have never seen water this high," said Mayor Jane Doe. '
    "One person was killed and four injured in Lakeside."
)


@pytest.fixture
def case(tmp_path: Path) -> Case:
    folder = tmp_path / "t01_storm"
    (folder / "articles").mkdir(parents=True)
    (folder / "articles" / "a1.txt").write_text(ARTICLE, encoding="utf-8")
    annotation = {
        "documents": [{"id": "a1", "file": "articles/a1.txt", "outlet": "Test", "published": "2024-05-06"}],
        "events": [
            {"id": "e1", "date": "2024-05-06", "places": ["Riverton"], "what": "storm", "documents": ["a1"]}
        ],
        "claims": [
            {
                "document": "a1",
                "event": "e1",
                "metric": "killed",
                "place": "Riverton",
                "low": 3,
                "high": None,
                "evidence": "killed at least three people in Riverton",
            },
            {
                "document": "a1",
                "event": "e1",
                "metric": "injured",
                "place": "Lakeside",
                "low": 4,
                "high": 4,
                "evidence": "One person was killed and four injured",
            },
        ],
        "quotes": [
            {
                "document": "a1",
                "speaker": "Jane Doe",
                "role": "Mayor",
                "text": "We have never seen water this high",
            }
        ],
    }
    (folder / "annotations.json").write_text(json.dumps(annotation), encoding="utf-8")
    return load_case(folder)


# --------------------------------------------------------------------------- bench_tokens


def test_ideal_answer_is_the_gold_of_the_document_as_compact_json(case: Case) -> None:
    assert bench_tokens.ideal_answer(case, "a1") == (
        '{"claims":[{"metric":"killed","place":"Riverton",'
        '"phrase":"killed at least three people in Riverton"},'
        '{"metric":"injured","place":"Lakeside","phrase":"One person was killed and four injured"}],'
        '"quotes":[{"speaker":"Jane Doe","text":"We have never seen water this high"}]}'
    )
    assert bench_tokens.ideal_answer(case, "other") == '{"claims":[],"quotes":[]}'


def test_floor_is_article_plus_ideal_answer_tokens(case: Case) -> None:
    def count(text: str) -> int:
        return len(text)

    floor = bench_tokens.token_floor(case, "a1", count)
    assert floor == bench_tokens.Floor(
        article=len(ARTICLE), answer=len(bench_tokens.ideal_answer(case, "a1"))
    )
    assert floor == bench_tokens.Floor(article=207, answer=271)
    assert floor.total == 478
    assert bench_tokens.times_floor(500, 200) == 2.5
    assert bench_tokens.times_floor(0, 200) == 0.0
    assert bench_tokens.times_floor(10, 0) is None


def test_token_counting_falls_back_to_the_documented_approximation() -> None:
    assert bench_tokens.approximate_tokens("") == 0
    assert bench_tokens.approximate_tokens("abcd") == 1
    assert bench_tokens.approximate_tokens("abcdefghi") == 3
    assert bench_tokens.server_root("http://127.0.0.1:8080/v1") == "http://127.0.0.1:8080"
    assert bench_tokens.server_root("http://127.0.0.1:8080/v1/") == "http://127.0.0.1:8080"
    assert bench_tokens.token_counter(None, None) == (
        bench_tokens.approximate_tokens,
        "approximated as ceil(characters / 4)",
    )
    # Nothing listens on that port: the probe fails and the approximation is used.
    dead = f"http://127.0.0.1:{find_free_port()}/v1"
    assert bench_tokens.token_counter(dead, "m") == (
        bench_tokens.approximate_tokens,
        "approximated as ceil(characters / 4)",
    )


# --------------------------------------------------------------------------- bench_langextract


def test_figure_phrase_is_the_number_phrase_with_the_claims_interval(case: Case) -> None:
    killed, injured = case.claims
    assert bench_langextract.figure_phrase(killed) == ("at least three", 7)
    assert bench_langextract.figure_phrase(injured) == ("four", 26)


def test_example_passage_takes_the_gold_items_of_the_best_window(case: Case) -> None:
    passage = bench_langextract.example_passage(case, max_chars=300)
    start = ARTICLE.index("A storm")
    assert passage == bench_langextract.ExamplePassage(
        case="t01_storm",
        document="a1",
        text=ARTICLE[start:],
        figures=(
            bench_langextract.ExampleFigure(
                phrase="at least three",
                metric="killed",
                place="Riverton",
                start=ARTICLE.index("at least") - start,
            ),
            bench_langextract.ExampleFigure(
                phrase="four", metric="injured", place="Lakeside", start=ARTICLE.index("four") - start
            ),
        ),
        quotes=(
            bench_langextract.ExampleQuote(
                text="We have never seen water this high",
                speaker="Jane Doe",
                start=ARTICLE.index("We have") - start,
            ),
        ),
    )


def test_example_passage_prefers_a_window_with_a_quote(case: Case) -> None:
    # 80 characters hold one sentence: the quote's (1 item, with a quote) wins over the first
    # claim's (1 item, no quote); the last sentence's claim is longer than 80 characters apart.
    passage = bench_langextract.example_passage(case, max_chars=80)
    assert passage.text == '"We have never seen water this high," said Mayor Jane Doe.'
    assert passage.figures == ()
    assert [q.text for q in passage.quotes] == ["We have never seen water this high"]


def test_example_never_comes_from_the_case_being_evaluated(case: Case) -> None:
    other = case.model_copy(update={"name": "t02_other"})
    assert bench_langextract.example_source([case, other], evaluated=other, preferred=case) is case
    assert bench_langextract.example_source([case, other], evaluated=case, preferred=case) is other
    with pytest.raises(ValueError, match="no case other than t01_storm"):
        bench_langextract.example_source([case], evaluated=case, preferred=case)


@dataclass
class FakeInterval:
    start_pos: int | None
    end_pos: int | None


@dataclass
class FakeExtraction:
    """What the conversion reads of a langextract `Extraction`, and nothing more."""

    extraction_class: str
    extraction_text: str
    char_interval: FakeInterval | None
    attributes: dict[str, Any] | None


def at(text: str) -> FakeInterval:
    start = ARTICLE.index(text)
    return FakeInterval(start, start + len(text))


def test_langextract_extractions_become_claims_and_quotes(case: Case) -> None:
    document = case.documents[0]
    quote_start = ARTICLE.index("We have")
    extractions = [
        FakeExtraction(
            "figure", "at least three", at("at least three"), {"metric": "dead", "place": "Riverton"}
        ),
        FakeExtraction("Figure", "four", at("four"), {"metric": "wounded", "place": "unknown"}),
        FakeExtraction("figure", "many", at("Monday"), {"metric": "killed"}),
        FakeExtraction(
            "quote",
            "We have never seen water this high.",
            FakeInterval(quote_start, quote_start + 34),
            {"speaker": ["Mayor", "Jane Doe"]},
        ),
        FakeExtraction("quote", "Storm hits Riverton", None, {"speaker": ""}),
        FakeExtraction("event", "A storm", at("A storm"), None),
        FakeExtraction("figure", "One", None, {"metric": "killed", "place": "Lakeside"}),
    ]
    converted = bench_langextract.to_claims_and_quotes(document, extractions, "a1:e1")
    three = ARTICLE.index("at least three")
    four = ARTICLE.index("four")
    assert converted.claims == [
        Claim(
            id="a1:lx1",
            document="a1",
            sentence=1,
            metric="killed",
            place="Riverton",
            quantity=Quantity(phrase="at least three", low=3, hedge="at least"),
            event="a1:e1",
            span=Span(text="at least three", start=three, end=three + 14, status=SpanStatus.EXACT),
        ),
        Claim(
            id="a1:lx2",
            document="a1",
            sentence=3,
            metric="injured",
            place=None,
            quantity=Quantity(phrase="four", low=4, high=4, nominal=4),
            event="a1:e1",
            span=Span(text="four", start=four, end=four + 4, status=SpanStatus.EXACT),
        ),
        Claim(
            id="a1:lx3",
            document="a1",
            sentence=0,
            metric="killed",
            place="Lakeside",
            quantity=Quantity(phrase="One", low=1, high=1, nominal=1),
            event="a1:e1",
            span=Span(text="One", status=SpanStatus.UNGROUNDED),
        ),
    ]
    assert converted.quotes == [
        Quote(
            id="a1:lxq1",
            document="a1",
            sentence=2,
            speaker="Mayor, Jane Doe",
            text="We have never seen water this high.",
            span=Span(
                text="We have never seen water this high.",
                start=quote_start,
                end=quote_start + 34,
                status=SpanStatus.FUZZY,
            ),
        )
    ]
    assert converted.dropped == [
        "a1: figure without a number: 'many'",
        "a1: quote without a speaker: 'Storm hits Riverton'",
        "a1: unknown class 'event': 'A storm'",
    ]


def test_conversion_reads_langextracts_own_classes(case: Case) -> None:
    lx = bench_module("langextract")
    passage = bench_langextract.example_passage(case, max_chars=300)
    example = bench_langextract.lx_example(passage)
    assert example.text == passage.text
    assert [(e.extraction_class, e.extraction_text, e.attributes) for e in example.extractions] == [
        ("figure", "at least three", {"metric": "killed", "place": "Riverton"}),
        ("quote", "We have never seen water this high", {"speaker": "Jane Doe"}),
        ("figure", "four", {"metric": "injured", "place": "Lakeside"}),
    ]
    start = ARTICLE.index("four")
    extraction = lx.data.Extraction(
        extraction_class="figure",
        extraction_text="four",
        char_interval=lx.data.CharInterval(start_pos=start, end_pos=start + 4),
        attributes={"metric": "injured", "place": "Lakeside"},
    )
    converted = bench_langextract.to_claims_and_quotes(case.documents[0], [extraction], None)
    assert [
        (c.metric, c.place, c.quantity.low, c.quantity.high, c.span.status) for c in converted.claims
    ] == [("injured", "Lakeside", 4, 4, SpanStatus.EXACT)]


def test_counting_transport_adds_up_the_servers_usage() -> None:
    answers = iter(
        [
            {"choices": [], "usage": {"prompt_tokens": 700, "completion_tokens": 80, "total_tokens": 780}},
            {"choices": [], "usage": {"prompt_tokens": 650, "completion_tokens": None}},
            {"error": "no usage here"},
        ]
    )

    def answer(request: httpx2.Request) -> httpx2.Response:
        return httpx2.Response(200, json=next(answers))

    transport = bench_langextract.CountingTransport(httpx2.MockTransport(answer))
    with httpx2.Client(transport=transport) as client:
        for _ in range(3):
            client.post("http://127.0.0.1:1/v1/chat/completions", json={})
    usage = transport.take()
    assert (usage.calls, usage.prompt_tokens, usage.completion_tokens) == (3, 1350, 80)
    assert transport.take().calls == 0
    assert bench_langextract.usage_of(b"not json") == (0, 0)
    assert bench_langextract.usage_of(b"[1, 2]") == (0, 0)


def test_cache_table_has_a_row_per_run_and_a_ratio_per_later_run() -> None:
    runs = [
        bench_cache.CacheRun(name, Usage(calls=calls), seconds, 23, 8, "llm", 0)
        for name, calls, seconds in (
            ("first (empty cache)", 3, 90.0),
            ("second (x)", 0, 0.5),
            ("third (x)", 0, 0.3),
        )
    ]
    table = bench_cache.cache_table(runs)
    assert table.row_count == 5
    assert list(table.columns[0].cells) == [
        "first (empty cache)",
        "second (x)",
        "third (x)",
        "first / second",
        "first / third",
    ]
    assert list(table.columns[6].cells) == ["90.00", "0.50", "0.30", "180×", "300×"]


def test_ratio_cells() -> None:
    assert bench_langextract.ratio(50, 200) == "0.25×"
    assert bench_langextract.ratio(5, 0) == "–"
    assert bench_cache.speedup(12.0, 0.5) == "24×"
    assert bench_cache.speedup(12.0, 0.0) == "–"


# --------------------------------------------------------------------------- bench_render


def test_synthetic_report_is_grounded_in_its_own_texts() -> None:
    report = bench_render.synthetic_report(1_003, n_documents=5)
    assert len(report.documents) == 5
    assert len(report.claims) == 1_003
    assert len(report.quotes) == 5 * bench_render.QUOTES_PER_DOCUMENT
    assert len(report.events) == 5 * 3
    assert [sum(c.document == d.id for c in report.claims) for d in report.documents] == [
        201,
        201,
        201,
        200,
        200,
    ]
    texts = {d.id: d for d in report.documents}
    items: list[Claim | Quote] = [*report.claims, *report.quotes]
    for item in items:
        document = texts[item.document]
        assert document.text[item.span.start : item.span.end] == item.span.text
        assert item.span.text in document.sentence_text(item.sentence)
    assert bench_render.synthetic_report(1_003, n_documents=5) == report


# --------------------------------------------------------------------------- long article


def test_long_article_grows_to_the_size_asked_with_varying_figures() -> None:
    text = bench_long_article.article(0.01)
    assert 10_000 <= len(text) < 11_000
    assert text.count("people were killed") > 10
    assert len({line for line in text.split("\n\n") if line}) > 5  # the figures vary block to block


def test_long_article_prints_a_row_per_size(capsys: pytest.CaptureFixture[str]) -> None:
    assert bench_long_article.main(["--sizes", "0.002", "0.004"]) == 0
    out = capsys.readouterr().out
    assert "s per MB" in out and "0.002" in out and "0.004" in out


# --------------------------------------------------------------------------- run_all


def test_run_all_commands_are_the_scripts_as_a_reader_types_them() -> None:
    assert [b.script for b in run_all.BENCHMARKS] == [
        "bench_render.py",
        "bench_reconcile.py",
        "bench_batch.py",
        "bench_candidates.py",
        "bench_long_article.py",
        "bench_cache.py",
        "bench_tokens.py",
        "bench_langextract.py",
    ]
    for benchmark in run_all.BENCHMARKS:
        assert (BENCHMARKS / benchmark.script).is_file()
    tokens = next(b for b in run_all.BENCHMARKS if b.script == "bench_tokens.py")
    render = run_all.BENCHMARKS[0]
    assert run_all.shown(tokens.command(Path("cases"))) == "python benchmarks/bench_tokens.py cases"
    assert run_all.shown(tokens.command(None)) == "python benchmarks/bench_tokens.py"
    assert run_all.shown(render.command(Path("cases"))) == "python benchmarks/bench_render.py"
