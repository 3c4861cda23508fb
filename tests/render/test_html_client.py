"""The page of a large report, whose per-claim parts the page's script builds from embedded data
(`render.html_client`): the data decodes to exactly the report's objects, the server-written
first view stays readable, and in a real browser (Chromium) the script builds the same conflict
cards, claims rows and article highlights that the page of a small report has written out."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path
from typing import Any, cast

import pytest
from html_tree import Node, chromium_dom, parse
from paths import chromium
from report_samples import HOSTILE_TEXT, c00_sample_report, c00_with_hostile_article

from summarizer.render.html import render_html
from summarizer.render.html_client import CLIENT_BUILT_FROM, Strings, compact_objects
from summarizer.schemas import Report


def payload_of(tree: Node) -> dict[str, object]:
    block = next(s for s in tree.find_all("script") if s.attrs.get("type") == "application/json")
    text = block.text()
    assert "<" not in text and ">" not in text and "&" not in text
    found = json.loads(text)
    assert isinstance(found, dict)
    return found


def decode(compact: dict[str, Any], strings: list[str]) -> list[Any]:
    """What the page's script reads back from `compact_objects`, written again in Python."""

    def cell(column: dict[str, Any], i: int) -> Any:
        if "s" in column:
            value = column["s"][i]
            return None if value is None else strings[value]
        if "r" in column:
            return column["r"][i]
        if i in column["nulls"]:
            return None
        return build(column["o"], i)

    def build(spec: dict[str, Any], i: int) -> dict[str, Any]:
        return {k: cell(c, i) for k, c in zip(spec["keys"], spec["cols"], strict=True)}

    if "whole" in compact:
        return list(compact["whole"])
    return [build(compact, i) for i in range(compact["n"])]


def test_compact_objects_decode_to_the_objects_model_dump() -> None:
    report = c00_with_hostile_article()
    strings = Strings()
    for items in (report.claims, report.quotes, report.events):
        dumped = [item.model_dump(mode="json") for item in items]
        assert decode(compact_objects(dumped, strings), strings.table) == dumped
    assert compact_objects([], strings) == {"n": 0, "keys": [], "cols": []}


def test_repeated_strings_are_written_once() -> None:
    strings = Strings()
    rows: list[dict[str, object]] = [{"metric": "killed", "id": f"c{n}", "span": None} for n in range(6)]
    rows[2]["span"] = {"start": 1, "text": "three"}
    compact = compact_objects(rows, strings)
    metric, ident, span = cast(list[dict[str, Any]], compact["cols"])
    assert metric == {"s": [0] * 6}  # repeated: by index
    assert ident == {"r": [f"c{n}" for n in range(6)]}  # all different: as they are
    assert span["nulls"] == [0, 1, 3, 4, 5]
    assert decode(compact, strings.table) == rows


def test_large_reports_are_client_built_with_a_readable_first_view() -> None:
    report = c00_sample_report()
    assert len(report.claims) < CLIENT_BUILT_FROM
    assert "data-event" not in render_html(report)  # small: written out whole
    tree = parse(render_html(report, client_built=True))
    assert tree.find_all("article", "conflict") == []
    assert [m for m in tree.find_all("mark") if "data-refs" in m.attrs] == []
    counts = [p.text() for p in tree.find_all("p", "conflict-counts")]
    assert counts == [
        "2 conflicts: 1 range within one source, 1 parts and total do not add up",
        "1 conflict: 1 parts and total do not add up",
    ]
    sections = tree.find("main").find_all("section")
    assert [s.attrs["id"] for s in sections][:2] == ["headlines", "summary"]
    assert sections[1].find_all("a", "cite") and tree.find_all("table", "estimates")  # written out
    data = payload_of(tree)
    strings = data["strings"]
    assert isinstance(strings, list)
    objects = data["objects"]
    assert isinstance(objects, dict)
    assert decode(objects["c"], strings) == [c.model_dump(mode="json") for c in report.claims]


# --------------------------------------------------------------------------- real browser


def browse(page: str, tmp_path: Path, script: str = "") -> Node:
    """The DOM after the page's script ran in headless Chromium; `script`, when given, runs
    after it (allowed by its hash in the page's Content-Security-Policy)."""
    if script:
        digest = "'sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode() + "'"
        quoted = digest.replace("'", "&#x27;")  # as the page escapes its attribute
        page, found = re.subn(
            r"script-src (&#x27;sha256-[^&]+&#x27;)", rf"script-src \1 {quoted}", page, count=1
        )
        assert found == 1
        page = page.replace("</body>", f"<script>{script}</script></body>")
    tmp_path.mkdir(exist_ok=True)
    path = tmp_path / "report.html"
    path.write_text(page, encoding="utf-8")
    return parse(chromium_dom(chromium(), path, tmp_path / "profile", "--virtual-time-budget=5000"))


def marks(tree: Node) -> list[tuple[str, str, str, str, str]]:
    return [
        (m.attrs["class"], m.attrs["data-kind"], m.attrs["data-refs"], m.attrs["title"], m.text())
        for m in tree.find_all("mark")
        if "data-refs" in m.attrs
    ]


def cards(tree: Node) -> list[tuple[str, str, list[str], list[str], list[str]]]:
    return [
        (
            card.attrs["class"],
            card.find("header").text() + "|" + card.find("p", "why").text(),
            [
                side.find("div", "figure").text() + "|" + side.find("div", "source").text()
                for side in card.find_all("div", "side")
            ],
            [q.text() for q in card.find_all("blockquote")],
            [f"{a.attrs['href']}|{a.attrs.get('title')}" for a in card.find_all("a", "cite")],
        )
        for card in tree.find_all("article", "conflict")
    ]


def claim_rows(tree: Node) -> list[list[str]]:
    rows = []
    for details in tree.find_all("details", "claims"):
        for tr in details.find("tbody").find_all("tr"):
            figure = tr.find("span", "obj")
            rows.append([td.text() for td in tr.find_all("td")] + [figure.attrs["data-refs"]])
    return rows


def articles(tree: Node) -> list[tuple[str, list[str]]]:
    return [
        (a.text(), [s.attrs["id"] for s in a.find_all("span", "sent")])
        for a in tree.find_all("div", "article")
    ]


# Opens every claims table, then clicks the first claim figure and keeps what the popover shows.
OPEN_AND_CLICK = (
    'document.querySelectorAll("details.claims").forEach((d) => { d.open = true; });'
    "setTimeout(() => {"
    'const figure = document.querySelector("details.claims span.obj");'
    "figure.click();"
    'document.body.setAttribute("data-popover", document.querySelector("#popover pre").textContent);'
    "}, 100);"
)


@pytest.mark.browser
@pytest.mark.parametrize("sample", [c00_sample_report, c00_with_hostile_article])
def test_chromium_builds_what_the_small_page_writes_out(sample: object, tmp_path: Path) -> None:
    assert callable(sample)
    report: Report = sample()
    static = browse(render_html(report, client_built=False), tmp_path / "static", OPEN_AND_CLICK)
    built = browse(render_html(report, client_built=True), tmp_path / "client", OPEN_AND_CLICK)

    assert built.find("html").attrs.get("class") == "js"  # the script ran: its hash matches
    assert "data-pwned" not in built.find("html").attrs
    assert built.find_all("img") == []
    assert cards(built) == cards(static)
    assert len(cards(built)) == len(report.conflicts)
    assert marks(built) == marks(static)
    assert len(marks(built)) > 10
    assert articles(built) == articles(static)
    assert claim_rows(built) == claim_rows(static)
    assert len(claim_rows(built)) == sum(c.span.grounded for c in report.claims)
    assert [n for n in built.iter() if "built-by-script" in n.classes] == []

    popover = json.loads(built.find("body").attrs["data-popover"])
    first = claim_rows(built)[0][-1]
    assert popover == report.claims[int(first[1:])].model_dump(mode="json")
    assert popover == json.loads(static.find("body").attrs["data-popover"])

    ids = {n.attrs["id"] for n in built.iter() if "id" in n.attrs}
    assert [a.attrs["href"] for a in built.find_all("a") if a.attrs["href"][1:] not in ids] == []
    if any(d.id == "evil<doc>" for d in report.documents):
        assert HOSTILE_TEXT in [a.text() for a in built.find_all("div", "article")]
