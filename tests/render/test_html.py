"""The self-contained HTML report: structure, links, highlights, escaping; and one real-browser
check (Chromium, file:// only) that the page works and injected markup never runs."""

from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path

import pytest
from headline_samples import headline_report
from html_tree import Node, chromium_dom, parse
from paths import chromium
from report_samples import (
    CLASH,
    HOSTILE_TEXT,
    NEXTFIN,
    c00_sample_report,
    c00_with_hostile_article,
    hostile_report,
    sentences_of,
)

from summarizer.render.html import Highlight, anchor_token, markup, render_html, sentence_anchor
from summarizer.schemas import (
    Citation,
    Claim,
    Document,
    Quantity,
    Report,
    RunInfo,
    Sentence,
    Span,
    SpanStatus,
    Summary,
    SummarySentence,
)


def article_of(tree: Node, document_id: str) -> Node:
    details = next(
        n for n in tree.find_all("details", "document") if n.attrs["id"] == f"doc-{anchor_token(document_id)}"
    )
    return details.find("div", "article")


def ref_of(report: Report, item_id: str) -> str:
    """The popover ref the renderer gives an item: its kind letter and its position in the report."""
    ids: list[tuple[str, list[str]]] = [
        ("c", [c.id for c in report.claims]),
        ("q", [q.id for q in report.quotes]),
        ("e", [e.id for e in report.events]),
    ]
    for prefix, item_ids in ids:
        if item_id in item_ids:
            return f"{prefix}{item_ids.index(item_id)}"
    raise KeyError(item_id)


# --------------------------------------------------------------------------- self-contained


def test_page_is_well_formed_and_fetches_nothing() -> None:
    page = render_html(c00_with_hostile_article())
    tree = parse(page)
    assert page.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert [
        n.tag for n in tree.iter() if n.tag in {"img", "link", "iframe", "object", "embed", "base", "form"}
    ] == []
    for node in tree.iter():
        for name in ("src", "srcset", "action", "formaction", "poster", "data", "background"):
            assert name not in node.attrs, (node.tag, name)
        assert node.attrs.get("href", "#").startswith("#"), node.attrs
    style = tree.find("style").text()
    assert "url(" not in style and "@import" not in style


def test_content_security_policy_allows_only_this_pages_script_and_style() -> None:
    tree = parse(render_html(c00_sample_report()))
    csp = next(
        m.attrs["content"]
        for m in tree.find_all("meta")
        if m.attrs.get("http-equiv") == "Content-Security-Policy"
    )

    def digest(text: str) -> str:
        return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"

    code = [s for s in tree.find_all("script") if "type" not in s.attrs]
    assert len(code) == 1
    assert csp == (
        f"default-src 'none'; style-src {digest(tree.find('style').text())}; "
        f"script-src {digest(code[0].text())}; img-src 'none'; connect-src 'none'; "
        "form-action 'none'; base-uri 'none'"
    )


def test_empty_report_is_a_complete_page() -> None:
    tree = parse(render_html(Report(run=RunInfo(tool_version="0.1.0"))))
    assert [s.find("h2").text() for s in tree.find("main").find_all("section")] == [
        "Headline figures",
        "Summary",
        "Events",
        "Quotes",
        "Articles",
    ]
    assert tree.find("footer").find("p").text() == "no model · summarizer 0.1.0 · schema 1"


# --------------------------------------------------------------------------- links and anchors


def test_every_internal_link_has_a_target_and_ids_are_unique() -> None:
    report = c00_sample_report()
    tree = parse(render_html(report))
    ids = [n.attrs["id"] for n in tree.iter() if "id" in n.attrs]
    assert len(ids) == len(set(ids))
    hrefs = [n.attrs["href"] for n in tree.find_all("a")]
    assert [h for h in hrefs if h[1:] not in ids] == []

    assert report.summary is not None
    citations = [c for s in report.summary.sentences for c in s.citations]
    summary = next(n for n in tree.find_all("section") if n.attrs.get("id") == "summary")
    links = summary.find_all("a", "cite")
    assert [a.attrs["href"] for a in links] == [f"#s-{c.document}-{c.sentence}" for c in citations]
    assert [a.text() for a in links] == [f"[{c.document}:{c.sentence}]" for c in citations]
    doc = report.document(citations[0].document)
    assert links[0].attrs["title"] == doc.sentence_text(citations[0].sentence)


def test_every_sentence_is_an_anchor_and_article_text_is_kept_exactly() -> None:
    report = c00_sample_report()
    tree = parse(render_html(report))
    for doc in report.documents:
        article = article_of(tree, doc.id)
        assert article.text() == doc.text
        sentences = article.find_all("span", "sent")
        assert [s.attrs["id"] for s in sentences] == [f"s-{doc.id}-{i}" for i in range(len(doc.sentences))]
        assert [s.text() for s in sentences] == [doc.sentence_text(i) for i in range(len(doc.sentences))]


def test_citation_to_a_missing_sentence_is_shown_but_not_linked() -> None:
    report = c00_sample_report().model_copy(
        update={
            "summary": Summary(
                generated_by="llm",
                sentences=[
                    SummarySentence(
                        text="Claimed.",
                        citations=[
                            Citation(document=CLASH, sentence=999),
                            Citation(document=CLASH, sentence=1),
                        ],
                    )
                ],
            )
        }
    )
    tree = parse(render_html(report))
    summary = next(n for n in tree.find_all("section") if n.attrs.get("id") == "summary")
    assert [n.text() for n in summary.find_all("span", "missing")] == [f"[{CLASH}:999]"]
    assert [a.attrs["href"] for a in summary.find_all("a", "cite")] == [f"#s-{CLASH}-1"]


def test_anchor_token_keeps_plain_ids_and_is_injective() -> None:
    assert anchor_token("clashreport-2026-01-24") == "clashreport-2026-01-24"
    assert anchor_token("evil<doc>") == "evil~3c~doc~3e~"
    assert anchor_token("a b") == "a~20~b"
    assert anchor_token("a~20~b") == "a~7e~20~7e~b"
    assert sentence_anchor("a b", 3) == "s-a~20~b-3"


# --------------------------------------------------------------------------- escaping


def test_injected_markup_is_shown_as_text_everywhere() -> None:
    report = hostile_report()
    page = render_html(report)
    tree = parse(page)
    scripts = tree.find_all("script")
    assert [s.attrs.get("type") for s in scripts] == ["application/json", None]
    assert [n for n in tree.iter() if any(a.startswith("on") for a in n.attrs)] == []
    assert tree.find_all("img") == []
    assert tree.find("title").text() == "Multi-source summary"
    assert article_of(tree, "evil<doc>").text() == HOSTILE_TEXT
    speaker = next(n for n in tree.find_all("div", "speaker")).find("h3")
    assert speaker.text().startswith("<script>document.title='pwned'</script>")

    payload = scripts[0].text()
    assert "<" not in payload and ">" not in payload and "&" not in payload
    objects = json.loads(payload)
    assert objects == {
        "c0": report.claims[0].model_dump(mode="json"),
        "q0": report.quotes[0].model_dump(mode="json"),
        "e0": report.events[0].model_dump(mode="json"),
    }
    # Whatever the page says, the raw HTML never carries the payloads' own tags unescaped.
    assert page.count("<script") == 2
    assert "<img" not in page


# --------------------------------------------------------------------------- highlights


def test_overlapping_highlights_become_nested_free_segments() -> None:
    text = "0123456789"
    marks = [
        Highlight(2, 6, "claim", "c0", "claim A"),
        Highlight(4, 8, "quote", "q0", "quote B"),
        Highlight(0, 10, "event", "e0", "event C"),
    ]
    sentences = [Sentence(index=0, start=0, end=5), Sentence(index=1, start=5, end=10)]
    html = markup(text, 0, 10, marks, sentences, "d")

    def mark(kinds: str, refs: str, title: str, inner: str) -> str:
        classes = " ".join(f"hl-{k}" for k in kinds.split())
        return (
            f'<mark class="{classes}" data-kind="{kinds}" data-refs="{refs}" title="{title}" tabindex="0">'
            f"{inner}</mark>"
        )

    assert html == (
        '<span class="sent" id="s-d-0">'
        + mark("event", "e0", "event C", "01")
        + mark("event claim", "e0 c0", "event C\nclaim A", "23")
        + mark("event claim quote", "e0 c0 q0", "event C\nclaim A\nquote B", "4")
        + '</span><span class="sent" id="s-d-1">'
        + mark("event claim quote", "e0 c0 q0", "event C\nclaim A\nquote B", "5")
        + mark("event quote", "e0 q0", "event C\nquote B", "67")
        + mark("event", "e0", "event C", "89")
        + "</span>"
    )
    parse(html)


def test_markup_escapes_text_and_clips_to_the_region() -> None:
    text = 'a <b> & "c"'
    html = markup(text, 2, 7, [Highlight(0, 4, "claim", "c0", "<t>")])
    assert html == (
        '<mark class="hl-claim" data-kind="claim" data-refs="c0" title="&lt;t&gt;" tabindex="0">&lt;b</mark>'
        "&gt; &amp;"
    )


def test_article_highlights_cover_every_grounded_item_with_its_kind() -> None:
    report = c00_sample_report()
    tree = parse(render_html(report))
    marks = [m for doc in report.documents for m in article_of(tree, doc.id).find_all("mark")]
    covered = {ref for m in marks for ref in m.attrs["data-refs"].split()}
    grounded = {ref_of(report, c.id) for c in report.claims if c.span.grounded}
    grounded |= {ref_of(report, q.id) for q in report.quotes if q.span.grounded}
    grounded |= {ref_of(report, e.id) for e in report.events if e.span is not None and e.span.grounded}
    assert covered == grounded

    odesa = next(m for m in marks if m.text() == "three dead and 35 injured")
    killed, injured = ref_of(report, f"{NEXTFIN}:g15"), ref_of(report, f"{NEXTFIN}:g16")
    assert odesa.attrs == {
        "class": "hl-claim",
        "data-kind": "claim",
        "data-refs": f"{killed} {injured}",
        "title": "claim: killed, Odesa = 3\nclaim: injured, Odesa = 35",
        "tabindex": "0",
    }
    cynical = next(m for m in marks if m.text() == "cynical abuse")
    assert (cynical.attrs["data-kind"], cynical.attrs["title"]) == ("quote", "quote: Volodymyr Zelenskyy")


def test_conflict_cards_show_each_side_with_the_disputed_phrase_marked() -> None:
    report = c00_sample_report()
    tree = parse(render_html(report))
    cards = tree.find_all("article", "conflict")
    assert [sorted(c.classes) for c in cards] == [
        ["conflict", "kind-within_document_range"],
        ["conflict", "kind-part_total_tension"],
        ["conflict", "kind-part_total_tension"],
    ]
    card = cards[2]
    assert card.find("span", "kind").text() == "Parts and total do not add up"
    assert [f.text() for f in card.find_all("div", "figure")] == ["≥9", "8"]
    assert [s.find("div", "source").text() for s in card.find_all("div", "side")] == [
        f"NextFin · 2026-01-27 · {NEXTFIN}"
    ] * 2
    assert [m.text() for m in card.find_all("mark", "disputed")] == [
        "at least nine fatalities",
        "killing five passengers",
        "three dead and 35 injured",
    ]


def test_estimates_table_and_ungrounded_items_per_document() -> None:
    report = c00_sample_report()
    tree = parse(render_html(report))
    second = next(n for n in tree.find_all("details", "event") if n.attrs["id"] == "event-2")
    rows = [
        [td.text() for td in tr.find_all("td")] for tr in second.find("table", "estimates").find_all("tr")[1:]
    ]
    assert rows[-1] == ["percent without power", "Kharkiv", "—", "80%", "—", "—", "1 NextFin"]
    assert rows[1] == ["injured", "Kharkiv and Odesa", "12", "—", "—", "12", "1 NextFin"]

    clash = next(n for n in tree.find_all("details", "document") if n.attrs["id"] == f"doc-{CLASH}")
    ungrounded = clash.find("div", "ungrounded")
    assert ungrounded.find("h4").text() == "Ungrounded (1)"
    assert [li.text() for li in ungrounded.find_all("li")] == [
        "quote quote by Ihor Terekhov: fragment the city will not be broken not found in the text"
    ]
    nextfin = next(n for n in tree.find_all("details", "document") if n.attrs["id"] == f"doc-{NEXTFIN}")
    assert nextfin.find_all("div", "ungrounded") == []


def test_footer_shows_model_and_usage() -> None:
    tree = parse(render_html(c00_sample_report()))
    footer = tree.find("footer")
    assert [p.text() for p in footer.find_all("p")] == [
        "backend fake · model hand-made-sample · strategy reference · summarizer 0.1.0 · schema 1",
        "8,576 tokens (7,280 prompt, 1,296 completion) · 4 calls · 0 retries · 1 re-asks · "
        "1 cache hits · 7.6 s waiting",
    ]


def fifty_document_report(claims_per_document: int = 60) -> Report:
    """Synthetic: 50 documents, claims on every sentence, nested and overlapping spans."""
    documents, claims = [], []
    for d in range(50):
        pieces = [
            f"Sentence {i} says {i + d} people were hurt & {i} <killed>." for i in range(claims_per_document)
        ]
        text = " ".join(pieces)
        doc = Document(id=f"doc{d}", text=text, source=f"doc{d}.txt", sentences=sentences_of(text, pieces))
        documents.append(doc)
        for i, (piece, sentence) in enumerate(zip(pieces, doc.sentences, strict=True)):
            phrase = f"{i + d} people were hurt"
            start = text.index(phrase, sentence.start)
            narrow = Span(text=phrase, start=start, end=start + len(phrase), status=SpanStatus.EXACT)
            wide = Span(text=piece, start=sentence.start, end=sentence.end, status=SpanStatus.EXACT)
            for n, s in enumerate((narrow, wide)):
                claims.append(
                    Claim(
                        id=f"doc{d}:c{i}.{n}",
                        document=doc.id,
                        sentence=i,
                        metric="injured",
                        quantity=Quantity(phrase=s.text, low=i + d, high=i + d),
                        span=s,
                    )
                )
    return Report(
        run=RunInfo(tool_version="0.1.0"),
        documents=documents,
        claims=claims,
        summary=Summary(
            generated_by="rules",
            sentences=[
                SummarySentence(text="Many.", citations=[Citation(document=f"doc{d}", sentence=d)])
                for d in range(50)
            ],
        ),
    )


def test_fifty_documents_render_collapsed_and_complete() -> None:
    report = fifty_document_report()
    tree = parse(render_html(report))
    documents = tree.find_all("details", "document")
    assert len(documents) == 50
    assert [d for d in documents if "open" in d.attrs] == []
    for doc in report.documents:
        assert article_of(tree, doc.id).text() == doc.text
    marks = [m for d in documents for m in d.find_all("mark")]
    # Each sentence: before the phrase (wide only), the phrase (both), after it (wide only).
    assert len(marks) == 50 * 60 * 3
    assert {m.attrs["data-refs"].count(" ") for m in marks} == {0, 1}
    ids = {n.attrs["id"] for n in tree.iter() if "id" in n.attrs}
    assert all(a.attrs["href"][1:] in ids for a in tree.find_all("a", "cite"))
    assert len(tree.find_all("a", "cite")) == 50 + 50 * 60 * 2  # the summary's, and one per claim row


# --------------------------------------------------------------------------- real browser


@pytest.mark.browser
def test_chromium_runs_the_page_and_not_the_injected_markup(tmp_path: Path) -> None:
    executable = chromium()
    report = c00_with_hostile_article()
    page = render_html(report)
    path = tmp_path / "report.html"
    path.write_text(page, encoding="utf-8")
    dom = parse(chromium_dom(executable, path, tmp_path / "profile"))
    static = parse(page)

    root = dom.find("html")
    assert "data-pwned" not in root.attrs
    assert root.attrs.get("class") == "js"  # our script ran: the CSP hash matches it
    assert dom.find("title").text() == "Multi-source summary"
    assert [s.attrs.get("type") for s in dom.find_all("script")] == ["application/json", None]
    assert dom.find_all("img") == []

    assert len(dom.find_all("article", "conflict")) == len(report.conflicts) == 4

    def marks(tree: Node) -> list[tuple[str, str, str]]:
        return [
            (m.attrs["data-kind"], m.attrs["data-refs"], m.text())
            for m in tree.find_all("mark")
            if "data-refs" in m.attrs
        ]

    assert marks(dom) == marks(static)
    assert ("claim", ref_of(report, f"{NEXTFIN}:g14"), "killing five passengers") in marks(dom)

    ids = {n.attrs["id"] for n in dom.iter() if "id" in n.attrs}
    summary = next(n for n in dom.find_all("section") if n.attrs.get("id") == "summary")
    cites = [a.attrs["href"] for a in summary.find_all("a", "cite")]
    assert report.summary is not None
    assert cites == [
        f"#{sentence_anchor(c.document, c.sentence)}" for s in report.summary.sentences for c in s.citations
    ]
    assert [a.attrs["href"] for a in dom.find_all("a") if a.attrs["href"][1:] not in ids] == []
    assert article_of(dom, "evil<doc>").text() == HOSTILE_TEXT


def test_table_of_contents_links_sections_events_and_articles() -> None:
    toc = parse(render_html(c00_sample_report())).find("nav", "toc")
    assert [(a.attrs["href"], a.text()) for a in toc.find_all("a")] == [
        ("#headlines", "Headline figures"),
        ("#summary", "Summary"),
        ("#event-1", "Overnight missile and drone strikes on Kyiv and Kharkiv (24 January 2026)"),
        ("#event-2", "Drone and missile strikes on Kharkiv and Odesa (27 January 2026)"),
        ("#quotes", "Quotes"),
        ("#documents", "Articles"),
        (f"#doc-{NEXTFIN}", "NextFin"),
        (f"#doc-{CLASH}", "Clash Report"),
        ("#usage", "Usage"),
    ]
    assert [b.text() for b in toc.find_all("span", "badge-count")] == ["2", "1"]


def test_headline_card_comes_first_main_event_first_escaped() -> None:
    tree = parse(render_html(headline_report()))
    sections = tree.find("main").find_all("section")
    assert sections[0].attrs["id"] == "headlines"
    card = sections[0]
    events = card.find_all("div", "headline-event")
    assert [e.find("h3").text() for e in events] == [
        "Main event: Mall shooting",
        "Other event: Robbery <b>on</b> Friday",
    ]
    assert [e.find("p", "meta").text() for e in events] == [
        "2024-06-01 · shooting · Springfield · reported by X <News>, Y Post",
        "robbery · reported by X <News>",
    ]
    rows = [[td.text() for td in tr.find_all("td")] for tr in events[0].find_all("tr")[1:]]
    assert rows == [
        ["killed", "3", "3", "3", "3", "everyone, suspects included", "agree", "X <News>, Y Post [x:0][y:0]"],
        [
            "injured",
            "≥9",
            ">20",
            ">20",
            "≥9",
            "victims only",
            "sources disagree",
            "X <News>, Y Post [x:1][y:1]",
        ],
    ]
    links = events[0].find_all("a", "cite")
    assert [a.attrs["href"] for a in links] == ["#s-x-0", "#s-y-0", "#s-x-1", "#s-y-1"]
    assert "<b>" not in render_html(headline_report()).split('id="headlines"')[1].split("</section>")[0]
