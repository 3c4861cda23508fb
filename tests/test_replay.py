"""Replayed regression tests: the whole pipeline on real exchanges recorded with the embedded model.

Each case runs ingest → candidates labelled by the model → reconcile → LLM summary against its
cassette (fixtures/cassettes/<case>.yaml) and compares the whole report with its snapshot
(fixtures/snapshots/<case>.json). A changed prompt, schema or input no longer matches the
recording and fails with a message to re-record; a change in parsing, grounding or
reconciliation shows as a snapshot diff.

    make record                                                # re-record cassettes and snapshots
    SUMMARIZER_UPDATE_SNAPSHOTS=1 pytest tests/test_replay.py  # snapshots only, from the cassettes

Recording (any --record-mode that records) starts the embedded model once for the module and
rewrites the snapshots of the cases it records.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import yaml
from cassettes import (
    KEPT_REQUEST_HEADERS,
    KEPT_RESPONSE_HEADERS,
    RE_RECORD_MESSAGE,
    REPLAY_BASE_URL,
    ArticleChanged,
    ReadableYamlSerializer,
    ReplayGuardTransport,
    article_texts,
    cite_articles,
    describe_miss,
    first_difference,
    normalized_report,
    redact_messages,
    resolve_articles,
    runs_of,
    scrub_request,
    snapshot_diff,
    snapshot_text,
    text_marker,
    vcr_settings,
)
from paths import ROOT, SHARED_DATA, shared
from vcr.request import Request

from summarizer.backends.embedded import (
    EMBEDDED_MODEL,
    EmbeddedServer,
    json_schema_rewriting_http_client,
)
from summarizer.backends.openai_compat import BackoffPolicy, OpenAICompatibleLLM
from summarizer.config import Settings, default_cache_dir
from summarizer.pipeline import summarize

pytest_plugins = ["cassettes"]

CASSETTES = ROOT / "fixtures" / "cassettes"
SNAPSHOTS = ROOT / "fixtures" / "snapshots"
DEV_DATA = SHARED_DATA / "dev"
UPDATE_SNAPSHOTS = "SUMMARIZER_UPDATE_SNAPSHOTS"
# Read at import, before the per-test environment points the cache at a temporary folder:
# recording uses the model file the user's own runs use instead of joining 1.1 GB again.
USER_CACHE_DIR = default_cache_dir()
RECORDING_TIMEOUT_S = 900.0  # one labelling call on 2 busy cores can take minutes


@dataclass(frozen=True)
class ReplayCase:
    name: str  # the cassette's and the snapshot's name
    articles: Path
    third_party: bool  # not ours to copy: prompts and sentence-long runs are stored as hashes

    def inputs(self) -> list[str]:
        return [str(path) for path in sorted(self.articles.glob("*.txt"))]


CASES = [
    ReplayCase("c00", ROOT / "fixtures" / "examples", third_party=False),
    ReplayCase("c02", DEV_DATA / "c02_cypress_tx_house_party_2013" / "articles", third_party=True),
    # Self-written articles carrying prompt injections: fake instructions, JSON, quotes, citations.
    ReplayCase("hostile", ROOT / "fixtures" / "hostile", third_party=False),
]


# --------------------------------------------------------------------------- pytest-recording set-up


@pytest.fixture(params=CASES, ids=[case.name for case in CASES])
def case(request: pytest.FixtureRequest) -> ReplayCase:
    replay_case: ReplayCase = request.param
    if replay_case.third_party:
        shared(replay_case.articles)
    return replay_case


@pytest.fixture
def vcr_config(case: ReplayCase, record_mode: str) -> dict[str, Any]:
    articles = [Path(path).read_text(encoding="utf-8") for path in case.inputs()] if case.third_party else []
    return vcr_settings(record_mode=record_mode, third_party_articles=articles)


@pytest.fixture(scope="module")
def vcr_cassette_dir() -> str:
    return str(CASSETTES)


@pytest.fixture
def default_cassette_name(case: ReplayCase) -> str:
    return case.name


class RecordingServer:
    """The embedded model, started on first use by a case that records, stopped with the module."""

    def __init__(self) -> None:
        self._server: EmbeddedServer | None = None

    def base_url(self) -> str:
        if self._server is None:
            server = EmbeddedServer(cache_dir=USER_CACHE_DIR)
            server.start()
            self._server = server
        return self._server.base_url

    def stop(self) -> None:
        if self._server is not None:
            self._server.stop()


@pytest.fixture(scope="module")
def recording_server() -> Iterator[RecordingServer]:
    server = RecordingServer()
    yield server
    server.stop()


# --------------------------------------------------------------------------- the replayed pipeline


def replay_llm(base_url: str, transport: ReplayGuardTransport, *, recording: bool) -> OpenAICompatibleLLM:
    """The client the embedded backend builds, pointed at the recording server or at nothing."""
    return OpenAICompatibleLLM(
        model=EMBEDDED_MODEL.name,
        base_url=base_url,
        mode="json_schema",
        http_client=json_schema_rewriting_http_client(transport),
        backend="embedded",
        timeout=RECORDING_TIMEOUT_S if recording else 10.0,
        # Replaying, a miss must fail at once; transport retries, if recorded, still replay.
        backoff=None if recording else BackoffPolicy(initial=0.0, maximum=0.0),
    )


@pytest.mark.vcr
def test_the_pipeline_replays_its_recorded_exchanges_and_matches_the_snapshot(
    case: ReplayCase, vcr: Any, recording_server: RecordingServer
) -> None:
    recording = not vcr.write_protected  # record modes all/new_episodes, or once without a cassette
    transport = ReplayGuardTransport()
    base_url = recording_server.base_url() if recording else REPLAY_BASE_URL
    llm = replay_llm(base_url, transport, recording=recording)
    try:
        report = summarize(
            case.inputs(), settings=Settings(strategy="candidates", use_cache=False, summary=True), llm=llm
        )
    finally:
        llm.close()

    if transport.misses:
        pytest.fail(f"{RE_RECORD_MESSAGE}\n{describe_miss(transport.misses[0])}", pytrace=False)
    if not recording and not vcr.all_played:
        unplayed = len(vcr) - len(vcr.play_counts)
        pytest.fail(
            f"{RE_RECORD_MESSAGE}\n{unplayed} of {len(vcr)} recorded exchanges were not requested",
            pytrace=False,
        )

    snapshot = SNAPSHOTS / f"{case.name}.json"
    actual = snapshot_text(normalized_report(report, root=ROOT, third_party=case.third_party))
    if recording or os.environ.get(UPDATE_SNAPSHOTS) == "1":
        snapshot.parent.mkdir(parents=True, exist_ok=True)
        snapshot.write_text(actual, encoding="utf-8")
        return
    if not snapshot.is_file():
        pytest.fail(f"no snapshot at {snapshot.relative_to(ROOT)}: {RE_RECORD_MESSAGE}", pytrace=False)
    expected = snapshot.read_text(encoding="utf-8")
    if actual != expected:
        pytest.fail(
            f"the report differs from {snapshot.relative_to(ROOT)} (a change in parsing, grounding, "
            f"reconciliation or the summary, from the same model answers); if intended, update it with "
            f"{UPDATE_SNAPSHOTS}=1 pytest tests/test_replay.py\n{snapshot_diff(expected, actual)}",
            pytrace=False,
        )


# --------------------------------------------------------------------------- what is stored


def stored_cassettes() -> list[Path]:
    return sorted(CASSETTES.glob("*.yaml"))


@pytest.mark.parametrize("path", stored_cassettes(), ids=lambda p: p.stem)
def test_a_stored_cassette_keeps_only_allowed_headers_and_json_bodies_as_data(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    stored = yaml.safe_load(text)
    cassette = ReadableYamlSerializer.deserialize(text)

    assert cassette["interactions"] != []
    for interaction in cassette["interactions"]:
        request, response = interaction["request"], interaction["response"]
        assert request["uri"] == f"{REPLAY_BASE_URL}/chat/completions"
        assert {name.lower() for name in request["headers"]} <= KEPT_REQUEST_HEADERS
        assert {name.lower() for name in response["headers"]} <= KEPT_RESPONSE_HEADERS
        assert isinstance(json.loads(request["body"]), dict)
        assert isinstance(json.loads(response["body"]["string"]), dict)
    assert "!!binary" not in text
    # Bodies are stored as `parsed_body` data, never as JSON strings.
    for interaction in stored["interactions"]:
        assert ("body" in interaction["request"], "parsed_body" in interaction["request"]) == (False, True)
        assert list(interaction["response"]["body"]) == ["parsed_body"]


def string_values(data: Any) -> Iterator[str]:
    if isinstance(data, dict):
        for value in data.values():
            yield from string_values(value)
    elif isinstance(data, list):
        for value in data:
            yield from string_values(value)
    elif isinstance(data, str):
        yield data


@pytest.mark.parametrize("case", [c for c in CASES if c.third_party], ids=lambda c: c.name)
def test_no_sentence_long_run_of_a_third_party_article_is_stored(case: ReplayCase) -> None:
    shared(case.articles)
    cassette, snapshot = CASSETTES / f"{case.name}.yaml", SNAPSHOTS / f"{case.name}.json"
    if not (cassette.is_file() and snapshot.is_file()):
        pytest.skip(f"{case.name} is not recorded yet")
    stored = [
        *string_values(yaml.safe_load(cassette.read_text(encoding="utf-8"))),
        *string_values(json.loads(snapshot.read_text(encoding="utf-8"))),
    ]
    stored_runs = runs_of(stored)
    articles = [path.read_text(encoding="utf-8") for path in sorted(case.articles.glob("*.txt"))]

    leaked = sorted(runs_of(articles) & stored_runs)

    assert leaked == []


# --------------------------------------------------------------------------- the helpers


def test_scrubbing_keeps_allowed_headers_fixes_the_origin_and_skips_other_calls() -> None:
    headers = {
        "Authorization": "Bearer sk-secret",
        "OpenAI-Organization": "org-1",
        "OpenAI-Project": "proj-1",
        "Cookie": "session=1",
        "User-Agent": "OpenAI/Python 3.3.0",
        "X-Stainless-Retry-Count": "0",
        "api-key": "azure-secret",
        "Content-Type": "application/json",
        "Accept": "application/json",
    }
    body = b'{"model": "m", "messages": [{"role": "user", "content": "Article x."}]}'
    live = Request("POST", "http://127.0.0.1:41234/v1/chat/completions", body, headers)

    stored = scrub_request(live, redact=True)
    health_check = scrub_request(Request("GET", "http://127.0.0.1:41234/v1/models", None, {}), redact=False)

    assert stored is not None
    assert (stored.uri, dict(stored.headers)) == (
        f"{REPLAY_BASE_URL}/chat/completions",
        {"Content-Type": "application/json", "Accept": "application/json"},
    )
    assert json.loads(stored.body) == {
        "model": "m",
        "messages": [{"role": "user", "content": text_marker("Article x.")}],
    }
    assert health_check is None


def test_redaction_replaces_each_message_content_by_its_hash_and_is_idempotent() -> None:
    body = {
        "model": "m",
        "messages": [{"role": "system", "content": "Label."}, {"role": "user", "content": "Article x."}],
    }

    redacted = redact_messages(body)

    assert redacted == {
        "model": "m",
        "messages": [
            {
                "role": "system",
                "content": {
                    "sha256": "1c74e8259e84de10597c9da16149b01968aaaba994e0d1315994cd261516e6ca",
                    "chars": 6,
                },
            },
            {
                "role": "user",
                "content": {
                    "sha256": "cd6c1143859a807c5af0f12ff785571797c3d67966b535817bd8cc578676886b",
                    "chars": 10,
                },
            },
        ],
    }
    assert redact_messages(redacted) == redacted


def test_sentence_long_pieces_of_an_article_are_stored_as_citations_and_resolved_back() -> None:
    sentence = "The sheriff said two teenagers were killed and at least twenty people were hurt at the party."
    article = f"Headline.\n\nEarlier text. {sentence} Later text."
    articles = article_texts([article])
    (sha,) = articles
    long_quote = f"“{sentence[:-1]},” he said on Sunday."  # 92 characters of the article
    data = {"quote": long_quote, "figure": "at least twenty", "items": [sentence[:91], {"text": article}]}

    cited = cite_articles(data, articles, run=92)

    assert cited == {
        "quote": {
            "article_pieces": ["“", {"article": sha, "start": 25, "end": 117}, ",” he said on Sunday."]
        },
        "figure": "at least twenty",
        "items": [sentence[:91], {"text": {"article_pieces": [{"article": sha, "start": 0, "end": 130}]}}],
    }
    assert resolve_articles(cited, articles) == data
    with pytest.raises(ArticleChanged, match="re-record with `make record`"):
        resolve_articles(cited, article_texts([article.upper()]))


def test_first_difference_names_the_place_where_bodies_differ() -> None:
    recorded = {"messages": [{"role": "user", "content": "count the killed people"}], "model": "m"}
    live = {"messages": [{"role": "user", "content": "count the dead people"}], "model": "m"}

    assert first_difference(live, recorded) == (
        "body.messages[0].content: 'count the dead people' now, 'count the killed people' recorded"
    )
    assert first_difference({"a": [1, 2]}, {"a": [1]}) == "body.a: 2 items now, 1 recorded"
    assert first_difference({"a": 1}, {"b": 1}) == "body.a: only in the live request"
    assert first_difference({"a": 1}, {"a": 1.0}) == "body.a: 1 now, 1.0 recorded"
    assert first_difference(live, json.loads(json.dumps(live))) is None


def test_the_serializer_stores_json_bodies_as_data_and_reads_them_back() -> None:
    request_body = json.dumps({"messages": [{"role": "user", "content": "line one\nline two"}]})
    response_body = json.dumps({"choices": [{"message": {"content": '{"n1_metric": "killed"}'}}]})
    interaction: dict[str, Any] = {
        "request": {"method": "POST", "uri": "u", "body": request_body, "headers": {}},
        "response": {
            "status": {"code": 200, "message": "OK"},
            "headers": {},
            "body": {"string": response_body},
        },
    }
    cassette: dict[str, Any] = {"version": 1, "interactions": [interaction]}

    text = ReadableYamlSerializer.serialize(cassette)

    assert text == (
        "version: 1\n"
        "interactions:\n"
        "- request:\n"
        "    method: POST\n"
        "    uri: u\n"
        "    headers: {}\n"
        "    parsed_body:\n"
        "      messages:\n"
        "      - role: user\n"
        "        content: |-\n"
        "          line one\n"
        "          line two\n"
        "  response:\n"
        "    status:\n"
        "      code: 200\n"
        "      message: OK\n"
        "    headers: {}\n"
        "    body:\n"
        "      parsed_body:\n"
        "        choices:\n"
        "        - message:\n"
        '            content: \'{"n1_metric": "killed"}\'\n'
    )
    assert ReadableYamlSerializer.deserialize(text) == {
        "version": 1,
        "interactions": [
            {
                "request": {"method": "POST", "uri": "u", "headers": {}, "body": request_body},
                "response": {
                    "status": {"code": 200, "message": "OK"},
                    "headers": {},
                    "body": {"string": response_body},
                },
            }
        ],
    }
    assert interaction["request"]["body"] == request_body  # vcrpy's own data is left as it was


def test_a_miss_message_says_what_differs() -> None:
    recorded = Request("POST", f"{REPLAY_BASE_URL}/chat/completions", b"{}", {})
    live = Request("POST", f"{REPLAY_BASE_URL}/chat/completions", b"{}", {})
    miss = SimpleNamespace(  # the fields of vcrpy's CannotOverwriteExistingCassetteException
        reason="no_match",
        failed_request=live,
        similar_requests=[
            (recorded, ["method", "path"], [("json_body", "body.model: 'a' now, 'b' recorded")])
        ],
    )

    assert describe_miss(miss) == (
        "unmatched request: POST /v1/chat/completions\n"
        "  closest recording differs: json_body: body.model: 'a' now, 'b' recorded"
    )
