from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest

from summarizer import atomic
from summarizer.atomic import write_text_atomic


def test_writes_a_new_file(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    write_text_atomic(target, '{"ok": true}\n')
    assert target.read_text(encoding="utf-8") == '{"ok": true}\n'
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]


def test_replaces_an_existing_file_and_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o640)
    write_text_atomic(target, "new — text with ünicode\n")
    assert target.read_text(encoding="utf-8") == "new — text with ünicode\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_a_new_file_gets_the_umask_mode_not_the_temp_file_mode(tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    write_text_atomic(target, "<p>hi</p>")
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~atomic._UMASK


def test_an_interrupted_write_leaves_the_old_file_and_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "report.json"
    target.write_text("the previous report\n", encoding="utf-8")

    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)  # Ctrl-C after the text went to the temp file
    with pytest.raises(KeyboardInterrupt):
        write_text_atomic(target, "the new report, never seen\n")
    assert target.read_text(encoding="utf-8") == "the previous report\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]


def test_a_failed_rename_leaves_the_old_file_and_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "report.json"
    target.write_text("the previous report\n", encoding="utf-8")

    def no_space(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", no_space)
    with pytest.raises(OSError, match="No space left"):
        write_text_atomic(target, "the new report\n")
    assert target.read_text(encoding="utf-8") == "the previous report\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]


def test_a_missing_directory_is_an_os_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        write_text_atomic(tmp_path / "no-such-dir" / "report.json", "x")


def test_concurrent_writers_never_leave_a_mixed_file(tmp_path: Path) -> None:
    target = tmp_path / "report.txt"
    texts = [str(n) * 100_000 for n in range(8)]
    seen: list[str] = []
    stop = threading.Event()

    def reader() -> None:
        while not stop.is_set():
            if target.exists():
                seen.append(target.read_text(encoding="utf-8"))

    watcher = threading.Thread(target=reader)
    watcher.start()
    writers = [threading.Thread(target=write_text_atomic, args=(target, text)) for text in texts * 3]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join()
    stop.set()
    watcher.join()
    assert target.read_text(encoding="utf-8") in texts
    assert all(text in texts for text in seen)  # every read saw one whole version
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.txt"]
