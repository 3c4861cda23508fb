"""Readable, scrubbed VCR cassettes of real LLM exchanges, and snapshots of the reports they give.

PYTEST_DONT_REWRITE: the matcher's messages are vcrpy's, not pytest's assertion explanations.

A pytest plugin for pytest-recording (`pytest_plugins = ["cassettes"]` in the replay tests):

- the `yaml` serializer is replaced by one that stores JSON request and response bodies as
  YAML data (prompts as literal blocks), not as escaped strings or base64;
- only chat-completion exchanges are recorded; headers are cut to an allow-list, so no key,
  organisation, cookie or client fingerprint can reach a cassette whatever its name;
- the `json_body` matcher compares request bodies as parsed JSON and says where they differ;
- for third-party articles, every message `content` is stored as its sha256 and length, both
  when recording and before matching a live request, so matching stays exact on the body while
  the article text is not stored; a model answer that copies a sentence-long piece of an
  article stores it as a citation (article sha256, start, end), resolved from the article on
  load, so the replayed answer is byte-exact.

Snapshot helpers turn a `Report` into the stable JSON a replay asserts against (third-party
articles cited the same way).
"""

from __future__ import annotations

import copy
import difflib
import functools
import hashlib
import json
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx2
import yaml
from vcr import VCR
from vcr.errors import CannotOverwriteExistingCassetteException
from vcr.request import Request

from summarizer.schemas import Report

# Replay sends here: the discard port, where nothing listens. Recorded URIs are rewritten to
# this origin too, so a cassette does not change with the recording server's random port.
REPLAY_ORIGIN = "http://127.0.0.1:9"
REPLAY_BASE_URL = f"{REPLAY_ORIGIN}/v1"
RECORDED_PATH = "/chat/completions"

RE_RECORD_MESSAGE = (
    "the recorded LLM exchanges no longer match the requests (prompt, schema or input changed): "
    "re-record with `make record`"
)

# An allow-list rather than a deny-list: a credential under an unexpected header name
# (api-key, x-api-key, a proxy's token) is dropped all the same.
KEPT_REQUEST_HEADERS = frozenset({"accept", "content-type"})
KEPT_RESPONSE_HEADERS = frozenset({"content-type", "retry-after"})

JSON = Any  # a parsed JSON value


# --------------------------------------------------------------------------- redaction


def text_marker(text: str) -> dict[str, Any]:
    """What a cassette stores instead of third-party text: enough to match exactly, not to read."""
    return {"sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(), "chars": len(text)}


def is_marker(value: JSON) -> bool:
    return isinstance(value, dict) and set(value) == {"sha256", "chars"}


def redact_messages(body: JSON) -> JSON:
    """`body` with each chat message's content replaced by its marker (idempotent)."""
    if not isinstance(body, dict) or not isinstance(body.get("messages"), list):
        return body
    messages = []
    for message in body["messages"]:
        content = message.get("content") if isinstance(message, dict) else None
        if content is None or is_marker(content):
            messages.append(message)
            continue
        text = content if isinstance(content, str) else json.dumps(content, sort_keys=True)
        messages.append({**message, "content": text_marker(text)})
    return {**body, "messages": messages}


# --------------------------------------------------------------------------- scrubbing


def scrub_request(request: Request, *, redact: bool) -> Request | None:
    """The request as a cassette stores it, or None (not recorded) if it is not an LLM call.

    vcrpy applies this to a copy of every live request before matching it too, so a stored
    request and a live one are compared in the same form.
    """
    if not request.path.endswith(RECORDED_PATH):
        return None  # e.g. the embedded server's health checks while it starts
    parts = urlsplit(request.uri)
    request.uri = REPLAY_ORIGIN + parts.path + (f"?{parts.query}" if parts.query else "")
    request.headers = {k: v for k, v in request.headers.items() if k.lower() in KEPT_REQUEST_HEADERS}
    if redact:
        body = parse_json(request.body)
        if body is not None:
            request.body = json.dumps(redact_messages(body), ensure_ascii=False)
    return request


def scrub_response(response: dict[str, Any]) -> dict[str, Any]:
    headers = response.get("headers", {})
    kept = {k: v for k, v in headers.items() if k.lower() in KEPT_RESPONSE_HEADERS}
    return {**response, "headers": kept}


def parse_json(body: bytes | str | None) -> JSON | None:
    """The body as JSON data, or None when it is empty or not JSON."""
    if not body:
        return None
    try:
        return json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return None


# --------------------------------------------------------------------------- matching


def json_body_matcher(live: Request, recorded: Request) -> None:
    """vcrpy matcher: equal as parsed JSON (key order and whitespace aside), else say where."""
    live_body, recorded_body = parse_json(live.body), parse_json(recorded.body)
    if live_body is None or recorded_body is None:
        if live.body != recorded.body:
            raise AssertionError("the bodies differ (not JSON)")
        return
    where = first_difference(live_body, recorded_body)
    if where is not None:
        raise AssertionError(where)


def first_difference(live: JSON, recorded: JSON, path: str = "body") -> str | None:
    """Where two JSON values first differ, e.g. "body.messages[0].content: 'a…' != 'b…'"."""
    if isinstance(live, dict) and isinstance(recorded, dict):
        for key in sorted(set(live) | set(recorded)):
            if key not in live or key not in recorded:
                side = "recorded" if key in recorded else "live"
                return f"{path}.{key}: only in the {side} request"
            found = first_difference(live[key], recorded[key], f"{path}.{key}")
            if found:
                return found
        return None
    if isinstance(live, list) and isinstance(recorded, list):
        for index, (a, b) in enumerate(zip(live, recorded, strict=False)):
            found = first_difference(a, b, f"{path}[{index}]")
            if found:
                return found
        if len(live) != len(recorded):
            return f"{path}: {len(live)} items now, {len(recorded)} recorded"
        return None
    if live == recorded and type(live) is type(recorded):
        return None
    if isinstance(live, str) and isinstance(recorded, str):
        return f"{path}: {text_difference(live, recorded)}"
    return f"{path}: {_short(live)} now, {_short(recorded)} recorded"


def text_difference(live: str, recorded: str, context: int = 40) -> str:
    """The first differing place of two strings, with a little context around it."""
    at = next((i for i, (a, b) in enumerate(zip(live, recorded, strict=False)) if a != b), None)
    if at is None:
        at = min(len(live), len(recorded))
    start = max(0, at - context)
    return f"{live[start : at + context]!r} now, {recorded[start : at + context]!r} recorded"


def _short(value: JSON, limit: int = 80) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --------------------------------------------------------------------------- serializing


class _ReadableDumper(yaml.SafeDumper):
    """Multi-line strings (prompts) as literal blocks; PyYAML falls back to quotes when needed."""


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_ReadableDumper.add_representer(str, _represent_str)


def _body_to_data(holder: dict[str, Any], key: str) -> None:
    """Replace a JSON string body by `parsed_body` data; leave anything else as it is."""
    data = parse_json(holder.get(key))
    if data is not None:
        del holder[key]
        holder["parsed_body"] = data


def _data_to_body(holder: dict[str, Any], key: str) -> None:
    if "parsed_body" in holder:
        holder[key] = json.dumps(holder.pop("parsed_body"), ensure_ascii=False)


class ReadableYamlSerializer:
    """vcrpy serializer: YAML with JSON bodies stored as data under `parsed_body`."""

    @staticmethod
    def serialize(cassette: dict[str, Any]) -> str:
        cassette = copy.deepcopy(cassette)  # vcrpy's dict shares the in-memory responses
        for interaction in cassette["interactions"]:
            _body_to_data(interaction["request"], "body")
            _body_to_data(interaction["response"]["body"], "string")
        return yaml.dump(
            cassette, Dumper=_ReadableDumper, allow_unicode=True, sort_keys=False, width=1_000_000
        )

    @staticmethod
    def deserialize(text: str) -> dict[str, Any]:
        cassette: dict[str, Any] = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        for interaction in cassette["interactions"]:
            _data_to_body(interaction["request"], "body")
            _data_to_body(interaction["response"]["body"], "string")
        return cassette


def pytest_recording_configure(config: Any, vcr: VCR) -> None:
    """pytest-recording hook: every cassette of the session is readable and body-matched."""
    vcr.register_serializer("yaml", ReadableYamlSerializer())
    vcr.register_matcher("json_body", json_body_matcher)


def vcr_settings(*, record_mode: str, third_party_articles: Sequence[str] = ()) -> dict[str, Any]:
    """The `vcr_config` of a replay test: exact body matching, no repeats, scrubbed storage.

    With `third_party_articles`, message contents are stored as hashes and the answers'
    sentence-long pieces of those articles as citations."""
    redact = bool(third_party_articles)
    scrub: Callable[[Request], Request | None] = functools.partial(scrub_request, redact=redact)
    settings: dict[str, Any] = {
        "serializer": "yaml",
        "match_on": ["method", "path", "json_body"],
        "allow_playback_repeats": False,
        "before_record_request": scrub,
        "before_record_response": scrub_response,
        "decode_compressed_response": True,
        # Re-recording with "all" keeps only this run's exchanges; in any other mode a cassette
        # is never trimmed (a failing replay must not rewrite it).
        "drop_unused_requests": record_mode == "all",
    }
    if redact:
        settings.update(citing_hooks(article_texts(list(third_party_articles))))
    return settings


# --------------------------------------------------------------------------- misses


class ReplayGuardTransport(httpx2.HTTPTransport):
    """The innermost transport: remembers each request that no recording matched.

    vcrpy raises inside the transport; the openai client turns that into a connection error
    and the pipeline into a per-document failure, so the test needs the misses kept here.
    """

    def __init__(self) -> None:
        super().__init__()
        self.misses: list[CannotOverwriteExistingCassetteException] = []

    def handle_request(self, request: httpx2.Request) -> httpx2.Response:
        try:
            return super().handle_request(request)
        except CannotOverwriteExistingCassetteException as miss:
            self.misses.append(miss)
            raise


def describe_miss(miss: CannotOverwriteExistingCassetteException) -> str:
    """Why a live request found no recording, in a few lines."""
    if miss.reason == "cassette_not_found":
        return f"there is no cassette at {miss.cassette.path}"
    lines = [f"unmatched request: {miss.failed_request.method} {urlsplit(miss.failed_request.uri).path}"]
    for _request, _matched, failed in miss.similar_requests[:1]:
        lines += [f"  closest recording differs: {name}: {message}" for name, message in failed]
    if miss.reason == "already_played":
        lines.append("  (its recording was already played: the run now asks the same thing more often)")
    return "\n".join(lines)


# --------------------------------------------------------------------------- snapshots


# Third-party text may be stored in short pieces (a name, a figure, a short quote), never in
# runs of this many characters (about a sentence).
ARTICLE_RUN = 100
ArticleTexts = dict[str, str]  # sha256 of an article's text -> the text


def article_texts(texts: Sequence[str]) -> ArticleTexts:
    return {text_marker(text)["sha256"]: text for text in texts}


def runs_of(texts: Sequence[str], run: int = ARTICLE_RUN) -> set[str]:
    """Every run of `run` consecutive characters of `texts`."""
    return {text[i : i + run] for text in texts for i in range(len(text) - run + 1)}


def cite_articles(data: JSON, articles: ArticleTexts, run: int = ARTICLE_RUN) -> JSON:
    """`data` with each string that holds a `run`-long piece of an article stored as
    `{"article_pieces": [...]}`: its own text, with every such piece (as long as it goes) given
    as `{"article": sha256, "start": n, "end": m}` instead. `resolve_articles` undoes it."""
    article_runs = runs_of(list(articles.values()), run)

    def cite(value: str) -> JSON:
        pieces: list[JSON] = []
        plain_from = index = 0
        while index + run <= len(value):
            if value[index : index + run] not in article_runs:
                index += 1
                continue
            end = index + run
            sha, text = next((sha, text) for sha, text in articles.items() if value[index:end] in text)
            while end < len(value) and value[index : end + 1] in text:
                end += 1
            start = text.index(value[index:end])
            pieces += [value[plain_from:index]] if plain_from < index else []
            pieces.append({"article": sha, "start": start, "end": start + end - index})
            plain_from = index = end
        if not pieces:
            return value
        return {"article_pieces": [*pieces, *([value[plain_from:]] if plain_from < len(value) else [])]}

    def walk(value: JSON) -> JSON:
        if isinstance(value, dict):
            return {key: walk(item) for key, item in value.items()}
        if isinstance(value, list):
            return [walk(item) for item in value]
        return cite(value) if isinstance(value, str) else value

    return walk(data)


class ArticleChanged(LookupError):
    """A stored citation names an article text that is not there (any more)."""


def resolve_articles(data: JSON, articles: ArticleTexts) -> JSON:
    """`data` with every `{"article_pieces": [...]}` joined back into its string."""
    if isinstance(data, dict) and set(data) == {"article_pieces"}:
        return "".join(_resolve_piece(piece, articles) for piece in data["article_pieces"])
    if isinstance(data, dict):
        return {key: resolve_articles(item, articles) for key, item in data.items()}
    if isinstance(data, list):
        return [resolve_articles(item, articles) for item in data]
    return data


def _resolve_piece(piece: JSON, articles: ArticleTexts) -> str:
    if isinstance(piece, str):
        return piece
    text = articles.get(piece["article"])
    if text is None:
        raise ArticleChanged(
            f"a cassette cites an article (sha256 {piece['article']}) that is not among this case's "
            f"articles: they changed; {RE_RECORD_MESSAGE.split(': ', 1)[1]}"
        )
    return text[piece["start"] : piece["end"]]


def _map_response_body(response: dict[str, Any], change: Callable[[JSON], JSON]) -> dict[str, Any]:
    body = parse_json(response["body"]["string"])
    if body is None:
        return response
    string = json.dumps(change(body), ensure_ascii=False).encode("utf-8")
    return {**response, "body": {**response["body"], "string": string}}


def citing_hooks(articles: ArticleTexts) -> dict[str, Any]:
    """vcrpy hooks that store a response's article pieces as citations and resolve them on load.

    A replayed answer must be byte-exact, so a model answer that copies sentences of a
    third-party article cannot be hashed away like a prompt; it is stored as references into
    the article, which the replay reads in place anyway.
    """

    def before_save(request: Request, response: dict[str, Any], cassette: Any) -> tuple[Request, Any]:
        return request, _map_response_body(response, lambda body: cite_articles(body, articles))

    def after_load(request: Request, response: dict[str, Any], cassette: Any) -> tuple[Request, Any]:
        return request, _map_response_body(response, lambda body: resolve_articles(body, articles))

    return {"before_save_interaction": before_save, "after_load_interaction": after_load}


def normalized_report(report: Report, *, root: Path, third_party: bool) -> dict[str, Any]:
    """The report as stable JSON data: wall times zeroed, paths relative to `root`, the tool
    version elided. For `third_party` articles, sentence-long pieces of a document's text (the
    text itself, long quotes, descriptions) are stored as citations of that text."""
    data: dict[str, Any] = report.model_dump(mode="json")
    data["run"]["tool_version"] = "<tool version>"
    data["usage"]["seconds"] = 0.0
    for usage in data["document_usage"].values():
        usage["seconds"] = 0.0
    for document in data["documents"]:
        source = Path(document["source"])
        if source.is_absolute():
            document["source"] = Path(os.path.relpath(source, root)).as_posix()
    if third_party:
        cited: dict[str, Any] = cite_articles(data, article_texts([d.text for d in report.documents]))
        return cited
    return data


def snapshot_text(data: dict[str, Any]) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def snapshot_diff(expected: str, actual: str, limit: int = 120) -> str:
    """A unified diff of two snapshot texts, cut to `limit` lines."""
    lines = list(
        difflib.unified_diff(
            expected.splitlines(), actual.splitlines(), "snapshot", "this run", lineterm="", n=2
        )
    )
    if len(lines) > limit:
        lines = [*lines[:limit], f"... {len(lines) - limit} more diff lines"]
    return "\n".join(lines)
