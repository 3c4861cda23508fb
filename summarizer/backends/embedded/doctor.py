"""`describe_backend`: which backend and model a run would use, what is installed, and whether
it answers."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from summarizer.backends.embedded import server
from summarizer.backends.embedded.server import EmbeddedServer
from summarizer.backends.embedded.weights import (
    EMBEDDED_MODEL,
    INSTALL_COMMAND,
    EmbeddedModel,
    missing_parts,
    model_file_path,
)
from summarizer.errors import BackendError


class BackendReport(BaseModel):
    """Which backend and model a run would use, what is installed, and whether it answers."""

    model_config = ConfigDict(frozen=True)

    backend: Literal["embedded", "endpoint"]
    base_url: str | None
    model: str | None
    api_key_set: bool
    llama_cpp_version: str | None
    weights_installed: bool
    model_file: str | None
    checked: bool = False
    answers: bool | None = None
    latency_s: float | None = None
    startup_s: float | None = None
    served_models: list[str] = []
    detail: str | None = None

    def rows(self) -> dict[str, str]:
        """The report as label → value lines for a terminal."""
        rows = {
            "backend": self.backend,
            "endpoint": self.base_url or "(embedded llama.cpp server on 127.0.0.1)",
            "model": self.model or "(none given)",
            "api key": "set" if self.api_key_set else "not set",
        }
        if self.backend == "embedded":
            rows["llama-cpp-python"] = self.llama_cpp_version or f"not installed ({INSTALL_COMMAND})"
            rows["weights"] = self.model_file or ("installed" if self.weights_installed else "not installed")
        if self.checked:
            rows["answers"] = "yes" if self.answers else "no"
            if self.latency_s is not None:
                rows["latency"] = f"{self.latency_s:.2f} s"
            if self.startup_s is not None:
                rows["start-up"] = f"{self.startup_s:.1f} s"
            if self.served_models:
                rows["served models"] = ", ".join(self.served_models)
        if self.detail:
            rows["detail"] = self.detail
        return rows


def describe_backend(
    base_url: str | None,
    model: str | None,
    api_key: str | None,
    *,
    check: bool = False,
    cache_dir: Path | None = None,
    timeout_s: float = 5.0,
    embedded: EmbeddedModel = EMBEDDED_MODEL,
) -> BackendReport:
    """Describe the backend a run would use: an endpoint when `base_url` is set, else embedded.

    With `check`, ping it: an endpoint gets `GET {base_url}/models` (with the key, if any);
    the embedded server is started, pinged and stopped. Without a base URL the embedded
    server serves its one model, whatever `model` says.
    """
    target = model_file_path(embedded, cache_dir)
    report = BackendReport(
        backend="endpoint" if base_url else "embedded",
        base_url=base_url.rstrip("/") if base_url else None,
        model=model if base_url else embedded.name,
        api_key_set=bool(api_key),
        llama_cpp_version=server.llama_cpp_version(),
        weights_installed=not missing_parts(embedded),
        model_file=str(target) if target.is_file() else None,
    )
    if not check:
        return report
    if report.base_url is not None:
        return _check_endpoint(report, report.base_url, api_key, timeout_s)
    return _check_embedded(report, embedded, cache_dir, timeout_s)


def _check_endpoint(
    report: BackendReport, base_url: str, api_key: str | None, timeout_s: float
) -> BackendReport:
    request = urllib.request.Request(f"{base_url}/models")
    if api_key:
        request.add_header("Authorization", f"Bearer {api_key}")
    started = time.monotonic()
    try:
        with urllib.request.urlopen(request, timeout=timeout_s) as response:
            payload = json.loads(response.read())
    except urllib.error.HTTPError as error:
        return report.model_copy(
            update={
                "checked": True,
                "answers": False,
                "latency_s": time.monotonic() - started,
                "detail": f"GET {base_url}/models answered HTTP {error.code} {error.reason}",
            }
        )
    except (OSError, ValueError) as error:
        return report.model_copy(
            update={"checked": True, "answers": False, "detail": f"GET {base_url}/models failed: {error}"}
        )
    latency = time.monotonic() - started
    served = _model_ids(payload)
    detail = None
    if report.model is None:
        detail = "no model configured"
    elif served and report.model not in served:
        detail = f"the endpoint does not list the model {report.model!r}"
    return report.model_copy(
        update={
            "checked": True,
            "answers": True,
            "latency_s": latency,
            "served_models": served,
            "detail": detail,
        }
    )


def _check_embedded(
    report: BackendReport, embedded: EmbeddedModel, cache_dir: Path | None, timeout_s: float
) -> BackendReport:
    try:
        with EmbeddedServer(model=embedded, cache_dir=cache_dir) as server:
            started = time.monotonic()
            with urllib.request.urlopen(f"{server.base_url}/models", timeout=timeout_s) as response:
                payload = json.loads(response.read())
            latency = time.monotonic() - started
            base_url, startup_s = server.base_url, server.startup_s
    except (BackendError, OSError, ValueError) as error:
        return report.model_copy(update={"checked": True, "answers": False, "detail": str(error)})
    return report.model_copy(
        update={
            "checked": True,
            "answers": True,
            "base_url": base_url,
            "model_file": str(model_file_path(embedded, cache_dir)),
            "latency_s": latency,
            "startup_s": startup_s,
            "served_models": _model_ids(payload),
        }
    )


def _model_ids(payload: Any) -> list[str]:
    data = payload.get("data") if isinstance(payload, dict) else None
    if not isinstance(data, list):
        return []
    return [str(item["id"]) for item in data if isinstance(item, dict) and "id" in item]
