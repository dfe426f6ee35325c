"""Group 1: article dumps - missing, empty, binary, one bad timestamp, no titles, 50 MB.

All dumps are synthetic text written into tmp folders; each CLI case checks the exit code,
that no traceback is printed, the message, and that the input file is left unchanged.
"""

from __future__ import annotations

import subprocess
import sys
import tracemalloc
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from reequity.errors import ArticleFormatError, ReequityWarning
from reequity.events.articles import read_articles
from reequity.events.extract import extract_events

from ._util import assert_clean_exit, invoke, run_subprocess, sha256

SEED = Path(__file__).resolve().parents[1] / "events" / "fixtures" / "rare_earth_articles_2025.txt"

THREE_ARTICLES = (
    "Synthetic dump header\n"
    "Title A\nSou Hu Cai Jing· 2025-12-27 04:15\n中国商务部于10月9日宣布稀土出口管制。\n\n"
    "Title B\nSina Finance· 2025-13-40 10:00\nBody B mentions 11月7日.\n"
    "Title C\nSina Finance· 2025-12-28 10:00\n美国在11月7日宣布暂停。\n"
)
NO_TITLES = (
    "Sou Hu Cai Jing· 2025-12-27 04:15\n中国商务部于10月9日宣布稀土出口管制。\n"
    "Sina Finance· 2025-12-28 10:00\n美国在11月7日宣布暂停。\n"
    "Sina Finance· 2025-12-29 09:00\nA third body line.\n"
)


def _write(folder: Path, name: str, data: str | bytes) -> Path:
    path = folder / name
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")
    return path


def _extract(path: Path) -> tuple[str, object]:
    digest = sha256(path) if path.exists() else ""
    result = invoke(["events", "extract", str(path), "--format", "csv"])
    assert (sha256(path) if path.exists() else "") == digest, "the dump was modified"
    return digest, result


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "no_such_dump.txt"
    _, result = _extract(path)
    assert_clean_exit(
        result, 1, f"cannot read article dump {path}", "No such file", "check the path"
    )
    assert not path.exists()
    with pytest.raises(ArticleFormatError, match="not found"):
        read_articles(str(path))
    with pytest.raises(ArticleFormatError, match="No such file"):
        read_articles(path)


def test_empty_file(tmp_path: Path) -> None:
    path = _write(tmp_path, "empty.txt", "")
    _, result = _extract(path)
    assert_clean_exit(result, 1, f"no article found in {path}", "Sou Hu Cai Jing· 2025-12-27")
    assert path.read_bytes() == b""


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_binary_garbage(tmp_path: Path, seed: int) -> None:
    # a PNG signature then random bytes with NULs: neither UTF-8 nor GB18030
    raw = b"\x89PNG\r\n\x1a\n\xff\xfe\x00" + np.random.default_rng(seed).bytes(4096)
    path = _write(tmp_path, "figure.png", raw)
    digest, result = _extract(path)
    assert_clean_exit(result, 1, f"article dump {path} is neither UTF-8 nor GB18030", "UTF-8")
    assert sha256(path) == digest


def test_text_garbage_is_no_article(tmp_path: Path) -> None:
    path = _write(tmp_path, "notes.txt", "just some notes\n· not a source line\n12:30 · 2025\n")
    _, result = _extract(path)
    assert_clean_exit(result, 1, "no article found", "check that the file is an article dump")


def test_one_malformed_timestamp_others_parse(tmp_path: Path) -> None:
    path = _write(tmp_path, "dump.txt", THREE_ARTICLES)
    digest, result = _extract(path)
    text = assert_clean_exit(result, 0, "skipped article 1 (line 7)", "'2025-13-40 10:00'")
    assert result.stderr.startswith("warning:"), result.stderr
    mentions = pd.read_csv(pd.io.common.StringIO(result.stdout))
    assert sorted(set(mentions["article_id"])) == [0, 2]  # article 1 keeps its number, skipped
    assert "2025-10-09" in set(mentions["date_start"]) and "2025-11-07" in set(
        mentions["date_start"]
    )
    assert "Traceback" not in text and sha256(path) == digest
    with pytest.warns(ReequityWarning, match="no valid 'YYYY-MM-DD HH:MM' time"):
        frame = read_articles(path)
    assert frame["title"].tolist() == ["Title A", "Title C"]
    assert frame["article_id"].tolist() == [0, 2]


def test_no_title_lines(tmp_path: Path) -> None:
    """Source and body lines only: an error, not bodies silently read as titles."""
    path = _write(tmp_path, "untitled.txt", NO_TITLES)
    _, result = _extract(path)
    assert_clean_exit(result, 1, f"{path} has no title lines", "3 source lines", "a title line")
    with pytest.raises(ArticleFormatError, match="no title lines"):
        read_articles(NO_TITLES)


def test_single_untitled_article(tmp_path: Path) -> None:
    dump = "Sou Hu Cai Jing· 2025-12-27 04:15\n中国商务部于10月9日宣布稀土出口管制。\n"
    with (
        pytest.warns(ReequityWarning, match="no title line"),
        pytest.raises(ArticleFormatError, match="no article found"),
    ):
        read_articles(dump)


def test_bad_dump_in_a_real_process(tmp_path: Path) -> None:
    path = _write(tmp_path, "garbage.bin", b"\xff\xfe\x00\x81" * 100)
    proc = run_subprocess(["events", "extract", str(path)], cwd=tmp_path, cache_dir=tmp_path / "c")
    assert proc.returncode == 1 and "Traceback" not in proc.stderr, proc.stderr
    assert proc.stderr.strip().startswith("error: article dump")
    assert len(proc.stderr.strip().splitlines()) == 1


@pytest.fixture(scope="module")
def big_dump(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A synthetic 50 MB dump: the seed fixture repeated (about 29,000 articles)."""
    seed = SEED.read_text(encoding="utf-8")
    reps = 50 * 2**20 // len(seed.encode("utf-8")) + 1
    path = tmp_path_factory.mktemp("big") / "synthetic_50mb_dump.txt"
    with path.open("w", encoding="utf-8") as fh:
        for _ in range(reps):
            fh.write(seed)
    return path


def test_50mb_dump_reads_in_bounded_memory(big_dump: Path) -> None:
    """Measured on the 2-core dev machine: ~3.5 s, peak traced memory ~200 MB (4x the file)."""
    size = big_dump.stat().st_size
    assert size >= 50 * 2**20
    tracemalloc.start()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", ReequityWarning)  # the seed has no bad article
            frame = read_articles(big_dump)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    per_copy = len(read_articles(SEED))
    assert len(frame) == per_copy * (size // SEED.stat().st_size)
    assert frame["article_id"].is_unique and frame["published_at"].notna().all()
    assert peak < 6 * size, f"peak {peak / 2**20:.0f} MB for a {size / 2**20:.0f} MB dump"


@pytest.mark.slow
def test_50mb_dump_extracts_end_to_end_in_bounded_memory(big_dump: Path, tmp_path: Path) -> None:
    """`events extract` on the whole 50 MB dump in a real process finishes and stays
    linear in memory (measured: ~36 s, ~525 MB peak RSS, 78,000 mentions)."""
    out = tmp_path / "mentions.csv"
    script = (
        "import resource, sys\n"
        "from reequity.cli.app import main\n"
        "sys.argv = ['reequity', 'events', 'extract', sys.argv[1], '--format', 'csv',"
        " '--out', sys.argv[2]]\n"
        "try:\n    main()\nexcept SystemExit as exc:\n    code = exc.code or 0\n"
        "else:\n    code = 0\n"
        "print('MAXRSS', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\n"
        "sys.exit(code)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", script, str(big_dump), str(out)],
        capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr
    maxrss_mb = int(proc.stderr.rsplit("MAXRSS", 1)[1].split()[0]) / 1024
    assert maxrss_mb < 30 * big_dump.stat().st_size / 2**20, f"peak RSS {maxrss_mb:.0f} MB"
    mentions = pd.read_csv(out, usecols=["article_id"])
    copies = big_dump.stat().st_size // SEED.stat().st_size
    assert len(mentions) == copies * len(extract_events(read_articles(SEED)))


def test_extraction_memory_is_bounded() -> None:
    """Full extraction runs at ~1 MB/s, so it is measured on a 2 MB dump, not on 50 MB."""
    seed = SEED.read_text(encoding="utf-8")
    articles = read_articles(seed * (2 * 2**20 // len(seed.encode("utf-8"))))
    tracemalloc.start()
    try:
        mentions = extract_events(articles)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(mentions) > len(articles)  # the seed articles carry several dates each
    assert set(mentions["article_id"]) <= set(articles["article_id"])
    assert peak < 64 * 2**20, f"extraction peak {peak / 2**20:.0f} MB"


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gb18030", "crlf"])
def test_odd_but_valid_encodings_parse(tmp_path: Path, encoding: str) -> None:
    text = THREE_ARTICLES.replace("\n", "\r\n") if encoding == "crlf" else THREE_ARTICLES
    path = tmp_path / "dump.txt"
    path.write_bytes(text.encode("utf-8" if encoding == "crlf" else encoding))
    with pytest.warns(ReequityWarning, match="skipped article 1"):
        frame = read_articles(path)
    assert frame["title"].tolist() == ["Title A", "Title C"]
    assert frame.at[0, "body"] == "中国商务部于10月9日宣布稀土出口管制。"


def test_utf16_dump_is_refused_with_a_fix(tmp_path: Path) -> None:
    path = _write(tmp_path, "dump.txt", THREE_ARTICLES.encode("utf-16"))
    _, result = _extract(path)
    assert_clean_exit(result, 1, "neither UTF-8 nor GB18030", "re-save it as UTF-8")


def test_text_with_lone_surrogates_is_refused() -> None:
    """Text decoded with errors='surrogateescape' cannot be stored: a clear error, not
    pyarrow's UnicodeEncodeError."""
    dump = THREE_ARTICLES.replace("Title C", "Title \udcff")
    with pytest.raises(ArticleFormatError, match="not valid Unicode at offset"):
        read_articles(dump)
