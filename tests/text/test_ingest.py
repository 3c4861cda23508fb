from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from paths import DEV, shared

from summarizer.errors import InputError
from summarizer.schemas import Document, Failure
from summarizer.text.ingest import IngestResult, document_from_text, load_documents
from summarizer.text.segment import segment

ARTICLE = "Quake kills five\n\nA powerful earthquake struck on Tuesday. Five people died.\n"

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Russia strikes Kharkiv and Kyiv | Example News</title>
<meta property="og:site_name" content="Example News">
<meta property="og:title" content="Russia strikes Kharkiv and Kyiv">
<meta property="article:published_time" content="2026-01-24T09:30:00Z">
</head>
<body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/sport">Sport</a></li></ul></nav>
<header><div class="logo">Example News</div><form><input name="q"><button>Search</button></form></header>
<main>
<article>
<h1>Russia strikes Kharkiv and Kyiv</h1>
<p class="byline">By Jane Doe</p>
<p>Russia launched missile and drone strikes on Kyiv and Kharkiv on Saturday as U.S.-brokered
peace talks resumed in Abu Dhabi, officials said.</p>
<p>The strikes killed at least one person in Kyiv and injured more than 20 across the two cities,
according to local authorities.</p>
<p>Ukraine’s Foreign Minister Andrii Sybiha said another night of “Russian terror” underscored
the hollowness of peace efforts.</p>
</article>
</main>
<aside><h3>Most read</h3><ul><li><a href="/a">Celebrity wedding photos</a></li>
<li><a href="/b">Ten recipes for winter</a></li></ul></aside>
<footer><p>© 2026 Example News. All rights reserved.</p>
<p><a href="/privacy">Privacy policy</a> | <a href="/terms">Terms of use</a></p>
<p>Subscribe to our newsletter</p></footer>
</body>
</html>
"""


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8", newline="")
    return path


def ids(result: IngestResult) -> list[str]:
    return [d.id for d in result.documents]


def reasons(result: IngestResult) -> list[str]:
    return [f.reason for f in result.failures]


# --------------------------------------------------------------------------- text files


def test_text_file_becomes_a_segmented_document(tmp_path: Path) -> None:
    path = write(tmp_path / "quake.txt", ARTICLE)
    result = load_documents([str(path)])
    assert result == IngestResult(
        documents=[
            Document(
                id="quake",
                text=ARTICLE,
                source=str(path),
                sentences=segment(ARTICLE),
            )
        ],
        failures=[],
    )
    assert [result.documents[0].sentence_text(i) for i in range(3)] == [
        "Quake kills five",
        "A powerful earthquake struck on Tuesday.",
        "Five people died.",
    ]


def test_crlf_is_normalized_and_utf8_bom_stripped(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", b"\xef\xbb\xbfHeadline\r\n\r\nBody one.\rBody two.\r\n")
    (document,) = load_documents([str(path)]).documents
    assert document.text == "Headline\n\nBody one.\nBody two.\n"


def test_utf16_with_bom_is_read(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "Kyiv’s mayor spoke.\r\n".encode("utf-16"))
    (document,) = load_documents([str(path)]).documents
    assert document.text == "Kyiv’s mayor spoke.\n"


def test_markdown_and_unknown_extensions_are_read_as_text(tmp_path: Path) -> None:
    markdown = write(tmp_path / "notes.md", "# Quake\n\nFive people died.\n")
    other = write(tmp_path / "wire.article", "Five people died.\n")
    result = load_documents([str(markdown), str(other)])
    assert [(d.id, d.text) for d in result.documents] == [
        ("notes", "# Quake\n\nFive people died.\n"),
        ("wire", "Five people died.\n"),
    ]
    assert result.failures == []


# --------------------------------------------------------------------------- failures


def test_unreadable_inputs_fail_one_by_one_and_the_rest_load(tmp_path: Path) -> None:
    good = write(tmp_path / "good.txt", ARTICLE)
    empty = write(tmp_path / "empty.txt", b"")
    blank = write(tmp_path / "blank.txt", " \n\t\r\n")
    binary = write(tmp_path / "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    control = write(tmp_path / "control.txt", bytes(range(1, 9)) * 20 + b"some text")
    latin1 = write(tmp_path / "latin1.txt", "Le café est fermé.".encode("latin-1"))
    missing = tmp_path / "missing.txt"
    result = load_documents([str(p) for p in (empty, blank, binary, good, control, latin1, missing)])
    assert ids(result) == ["good"]
    assert result.failures == [
        Failure(document=str(empty), stage="ingest", reason=f"{empty}: empty file"),
        Failure(document=str(blank), stage="ingest", reason=f"{blank}: empty file (only whitespace)"),
        Failure(
            document=str(binary),
            stage="ingest",
            reason=f"{binary}: binary file (contains NUL bytes), not text",
        ),
        Failure(
            document=str(control),
            stage="ingest",
            reason=f"{control}: binary file (mostly control characters), not text",
        ),
        Failure(
            document=str(latin1),
            stage="ingest",
            reason=f"{latin1}: not UTF-8 text (invalid byte 0xe9 at offset 6); convert it to UTF-8",
        ),
        Failure(document=str(missing), stage="ingest", reason=f"{missing}: file not found"),
    ]


def test_no_inputs_is_an_input_error() -> None:
    with pytest.raises(InputError, match="no input given"):
        load_documents([])


def test_only_failures_is_still_a_result(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    assert load_documents([str(missing)]) == IngestResult(
        documents=[],
        failures=[Failure(document=str(missing), stage="ingest", reason=f"{missing}: file not found")],
    )


# --------------------------------------------------------------------------- directories and globs


def test_directory_is_read_recursively_in_sorted_order(tmp_path: Path) -> None:
    write(tmp_path / "case" / "b.txt", "Bee.\n")
    write(tmp_path / "case" / "a.md", "Ay.\n")
    write(tmp_path / "case" / "sub" / "c.html", PAGE)
    write(tmp_path / "case" / "a.tokens.tsv", "1\tAy\n")
    write(tmp_path / "case" / "annotations.json", "{}")
    write(tmp_path / "case" / ".hidden.txt", "Hidden.\n")
    write(tmp_path / "case" / ".git" / "notes.txt", "Hidden folder.\n")
    result = load_documents([str(tmp_path / "case")])
    assert [(d.id, d.source) for d in result.documents] == [
        ("a", str(tmp_path / "case" / "a.md")),
        ("b", str(tmp_path / "case" / "b.txt")),
        ("c", str(tmp_path / "case" / "sub" / "c.html")),
    ]
    assert result.failures == []


def test_directory_without_articles_fails(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    write(folder / "x.tokens.tsv", "1\tx\n")
    result = load_documents([str(folder)])
    assert result == IngestResult(
        documents=[],
        failures=[
            Failure(
                document=str(folder),
                stage="ingest",
                reason=f"{folder}: no articles (.txt, .md, .html, .htm) in directory",
            )
        ],
    )


def test_glob_patterns_expand_recursively(tmp_path: Path) -> None:
    write(tmp_path / "x" / "one.txt", "One.\n")
    write(tmp_path / "x" / "y" / "two.txt", "Two.\n")
    write(tmp_path / "x" / "y" / "skip.md", "Skip.\n")
    result = load_documents([str(tmp_path / "**" / "*.txt"), str(tmp_path / "nothing-*.txt")])
    assert ids(result) == ["one", "two"]
    assert reasons(result) == [f"{tmp_path / 'nothing-*.txt'}: no file matches this pattern"]


def test_a_file_reached_twice_is_read_once(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "Once.\n")
    assert ids(load_documents([str(path), str(tmp_path / "*.txt"), str(tmp_path)])) == ["a"]


def test_colliding_stems_get_numbered_ids_in_input_order(tmp_path: Path) -> None:
    first = write(tmp_path / "x" / "a.txt", "First.\n")
    second = write(tmp_path / "y" / "a.html", PAGE)
    taken = write(tmp_path / "z" / "a-1.txt", "Already called a-1.\n")
    other = write(tmp_path / "z" / "b.txt", "Bee.\n")
    result = load_documents([str(first), str(second), str(taken), str(other)])
    assert ids(result) == ["a-2", "a-3", "a-1", "b"]


# --------------------------------------------------------------------------- standard input


def test_stdin_is_read_as_one_document() -> None:
    result = load_documents(["-"], stdin=io.StringIO("Headline\r\nBody.\n"))
    assert result == IngestResult(
        documents=[
            Document(
                id="stdin",
                text="Headline\nBody.\n",
                source="-",
                sentences=segment("Headline\nBody.\n"),
            )
        ],
        failures=[],
    )


def test_stdin_html_is_extracted() -> None:
    (document,) = load_documents(["-"], stdin=io.StringIO(PAGE)).documents
    assert (document.id, document.title, document.outlet) == (
        "stdin",
        "Russia strikes Kharkiv and Kyiv",
        "Example News",
    )


def test_empty_stdin_and_stdin_twice_fail(tmp_path: Path) -> None:
    assert load_documents(["-"], stdin=io.StringIO("")).failures == [
        Failure(document="-", stage="ingest", reason="standard input: empty input")
    ]
    path = write(tmp_path / "a.txt", "A.\n")
    result = load_documents(["-", str(path), "-"], stdin=io.StringIO("From stdin.\n"))
    assert ids(result) == ["stdin", "a"]
    assert reasons(result) == ["standard input: standard input is given more than once"]


# --------------------------------------------------------------------------- HTML


def test_html_main_text_without_boilerplate_and_metadata(tmp_path: Path) -> None:
    path = write(tmp_path / "strikes.html", PAGE)
    result = load_documents([str(path)])
    assert result.failures == []
    (document,) = result.documents
    assert document.text == (
        "Russia strikes Kharkiv and Kyiv\n"
        "Russia launched missile and drone strikes on Kyiv and Kharkiv on Saturday as U.S.-brokered "
        "peace talks resumed in Abu Dhabi, officials said.\n"
        "The strikes killed at least one person in Kyiv and injured more than 20 across the two cities, "
        "according to local authorities.\n"
        "Ukraine’s Foreign Minister Andrii Sybiha said another night of “Russian terror” underscored "
        "the hollowness of peace efforts."
    )
    assert (document.id, document.source, document.title, document.outlet, document.published) == (
        "strikes",
        str(path),
        "Russia strikes Kharkiv and Kyiv",
        "Example News",
        dt.date(2026, 1, 24),
    )
    assert document.sentences == segment(document.text)


def test_html_title_is_put_first_when_the_body_lacks_it(tmp_path: Path) -> None:
    page = (
        "<html><head><title>Quake kills five</title></head><body><article>"
        "<p>A powerful earthquake struck Aceh province on Tuesday, killing five people and injuring "
        "dozens, officials said.</p></article></body></html>"
    )
    (document,) = load_documents([str(write(tmp_path / "q.htm", page))]).documents
    assert document.text == (
        "Quake kills five\n\nA powerful earthquake struck Aceh province on Tuesday, killing five "
        "people and injuring dozens, officials said."
    )
    assert (document.title, document.outlet, document.published) == ("Quake kills five", None, None)


def test_html_in_its_declared_charset(tmp_path: Path) -> None:
    page = (
        '<html><head><meta charset="windows-1252"><title>Caf\xe9</title></head><body><article>'
        "<p>The caf\xe9 \x93near the square\x94 was closed on Monday after the blast, police said, "
        "and its owner was questioned.</p></article></body></html>"
    )
    path = write(tmp_path / "cafe.html", page.encode("latin-1"))
    (document,) = load_documents([str(path)]).documents
    assert "The café “near the square” was closed" in document.text


def test_html_without_article_text_fails(tmp_path: Path) -> None:
    path = write(tmp_path / "empty.html", "<html><head><title></title></head><body><nav></nav></body></html>")
    assert reasons(load_documents([str(path)])) == [f"{path}: no article text found in the HTML"]


# --------------------------------------------------------------------------- publication dates


def test_date_in_the_file_stem(tmp_path: Path) -> None:
    path = write(tmp_path / "clashreport-2026-01-24.txt", "Strikes hit Kyiv.\n")
    (document,) = load_documents([str(path)]).documents
    assert document.published == dt.date(2026, 1, 24)


@pytest.mark.parametrize(
    ("top", "expected"),
    [
        ("Russia Strikes Kyiv\n\nJanuary 24, 2026Clash Report\n", dt.date(2026, 1, 24)),
        ("Airport shooting\n(Published Saturday, Jan. 7, 2017)\n", dt.date(2017, 1, 7)),
        ("Quake\nPosted 2017-01-06 10:00\n", dt.date(2017, 1, 6)),
        ("Quake\nWEDNESDAY 03 JULY 2013\n", dt.date(2013, 7, 3)),
        ("Quake\nTuesday, July 2nd, 2013\n", dt.date(2013, 7, 2)),
        ("Quake\non July 02 2013 7: 41 AM\n", dt.date(2013, 7, 2)),
        ("Quake\nFebruary 30, 2020\n", None),
        ("Quake\n" + "Filler line.\n" * 10 + "July 3, 2013\n", None),
        ("The quake struck in 2013 and 2004.\n", None),
    ],
)
def test_date_near_the_top_of_the_text(tmp_path: Path, top: str, expected: dt.date | None) -> None:
    path = write(tmp_path / "article.txt", top + "Body text.\n")
    (document,) = load_documents([str(path)]).documents
    assert document.published == expected


def test_dev_articles_load_with_ids_and_dates() -> None:
    shared(DEV)
    result = load_documents(
        [str(DEV / "c08_aceh_indonesia_earthquake_2013"), str(DEV / "c00_*" / "articles")]
    )
    assert [(d.id, d.published) for d in result.documents] == [
        ("ecb_37_10ecbplus", dt.date(2013, 7, 3)),
        ("ecb_37_12ecbplus", dt.date(2013, 7, 2)),
        ("ecb_37_1ecbplus", dt.date(2013, 7, 2)),
        ("ecb_37_3ecbplus", dt.date(2013, 7, 3)),
        ("clashreport-2026-01-24", dt.date(2026, 1, 24)),
        ("nextfin-2026-01-27", dt.date(2026, 1, 27)),
    ]
    assert result.failures == []
    for document in result.documents:
        assert document.text == Path(document.source).read_text(encoding="utf-8")


# --------------------------------------------------------------------------- big input and helpers


def test_a_megabyte_article_loads(tmp_path: Path) -> None:
    paragraph = (
        "Officials said 12 people were hurt in Kharkiv on Jan. 22, and Gov. Oleh Syniehubov said "
        "repairs would take weeks. Rescuers worked overnight in the cold. "
        "“We are doing everything we can,” the mayor said. The U.S.-brokered talks went on.\n"
    )
    repeats = 1_048_576 // len(paragraph) + 1
    text = "Big Report\n\n" + paragraph * repeats
    (document,) = load_documents([str(write(tmp_path / "big.txt", text))]).documents
    assert document.text == text
    assert len(document.sentences) == 1 + 4 * repeats
    assert [document.sentence_text(i) for i in (1, 2, 3, 4)] == [
        "Officials said 12 people were hurt in Kharkiv on Jan. 22, and Gov. Oleh Syniehubov said "
        "repairs would take weeks.",
        "Rescuers worked overnight in the cold.",
        "“We are doing everything we can,” the mayor said.",
        "The U.S.-brokered talks went on.",
    ]


def test_document_from_text() -> None:
    document = document_from_text(
        "\ufeffHeadline\r\nBody one. Body two.",
        id="wire",
        outlet="AP",
        published=dt.date(2013, 7, 2),
    )
    assert document == Document(
        id="wire",
        text="Headline\nBody one. Body two.",
        source="wire",
        outlet="AP",
        published=dt.date(2013, 7, 2),
        sentences=segment("Headline\nBody one. Body two."),
    )
    assert [document.sentence_text(i) for i in range(3)] == ["Headline", "Body one.", "Body two."]
    assert document_from_text("Plain.").id == "text"
