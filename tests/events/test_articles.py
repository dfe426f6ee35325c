"""The article-dump reader: seed file and hand-written edge cases."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from reequity.errors import ArticleFormatError, ReequityWarning
from reequity.events.articles import COLUMNS, read_articles

from .conftest import FIXTURES, SEED

SEED_STAMPS = [
    "2025-12-27 04:15", "2025-12-26 19:05", "2025-12-18 19:46", "2025-12-04 10:49",
    "2025-12-03 08:28", "2025-11-27 08:08", "2025-11-22 06:57", "2025-11-21 17:32",
    "2025-11-13 18:27", "2025-11-12 22:08",
]  # fmt: skip

ONE = (
    "Header line\nA title\nSou Hu Cai Jing· 2025-12-27 04:15\nFirst body line.\nSecond body line.\n"
)


def test_seed_has_ten_articles_with_their_timestamps() -> None:
    frame = read_articles(SEED)
    assert list(frame.columns) == COLUMNS
    assert frame["article_id"].tolist() == list(range(10))
    expected = [pd.Timestamp(s, tz="Asia/Shanghai") for s in SEED_STAMPS]
    assert frame["published_at"].tolist() == expected
    assert str(frame["published_at"].dt.tz) == "Asia/Shanghai"
    assert set(frame["source"]) == {"Sou Hu Cai Jing"}
    assert frame.loc[1, "title"].startswith("美国惊讶!中国恢复稀土出口")
    assert frame.loc[1, "body"].startswith("12月25日")


def test_path_str_path_and_raw_text_agree() -> None:
    by_path = read_articles(SEED)
    by_str = read_articles(str(SEED))
    by_text = read_articles(SEED.read_text(encoding="utf-8"))
    pd.testing.assert_frame_equal(by_path, by_str)
    pd.testing.assert_frame_equal(by_path, by_text)


def test_crlf_bom_blank_lines_and_multiline_body() -> None:
    text = (
        "\ufeff"
        + ONE.replace("\n", "\r\n")
        + "\r\n\r\nNext\r\nReuters· 2025-01-02 03:04\r\nBody\r\n"
    )
    frame = read_articles(text)
    assert frame["title"].tolist() == ["A title", "Next"]
    assert frame.loc[0, "body"] == "First body line.\nSecond body line."
    assert frame.loc[1, "source"] == "Reuters"
    assert frame.loc[1, "published_at"] == pd.Timestamp("2025-01-02 03:04", tz="Asia/Shanghai")


def test_other_sources_and_date_only_stamp() -> None:
    frame = read_articles(FIXTURES / "handwritten_mixed.txt")
    assert frame["source"].tolist() == ["Xin Lang Cai Jing", "Reuters"]
    assert frame["title"].tolist() == ["稀土出口管制新动向", "Lynas ramps up heavy rare earths"]
    with pytest.warns(ReequityWarning):
        english = read_articles(FIXTURES / "handwritten_en.txt")
    assert english.loc[english["source"] == "Bloomberg News", "published_at"].iloc[
        0
    ] == pd.Timestamp("2025-03-01", tz="Asia/Shanghai")


def test_malformed_article_is_skipped_with_a_warning() -> None:
    with pytest.warns(ReequityWarning, match=r"skipped article 1 .*2025-13-45"):
        frame = read_articles(FIXTURES / "handwritten_en.txt")
    assert frame["article_id"].tolist() == [0, 2]  # positions in the dump are kept
    assert "malformed" not in " ".join(frame["body"])


def test_source_line_without_title_is_skipped() -> None:
    text = "Reuters· 2025-01-01 10:00\nOrphan body\nGood title\nReuters· 2025-01-02 10:00\nBody"
    with pytest.warns(ReequityWarning, match="no title"):
        frame = read_articles(text)
    assert frame["title"].tolist() == ["Good title"]


def test_no_article_names_file_and_expected_line(tmp_path: Path) -> None:
    empty = tmp_path / "notes.txt"
    empty.write_text("just some notes\nwithout any source line\n", encoding="utf-8")
    with pytest.raises(
        ArticleFormatError, match=r"notes\.txt.*source line like 'Sou Hu Cai Jing· "
    ):
        read_articles(empty)
    with pytest.raises(ArticleFormatError, match="<text>"):
        read_articles("")


def test_unreadable_inputs(tmp_path: Path) -> None:
    with pytest.raises(ArticleFormatError, match="cannot read"):
        read_articles(tmp_path / "missing.txt")
    with pytest.raises(ArticleFormatError, match=r"'dumps/missing\.txt' not found"):
        read_articles("dumps/missing.txt")
    with pytest.raises(ArticleFormatError, match="got int"):
        read_articles(42)  # type: ignore[arg-type]
    binary = tmp_path / "bin.txt"
    binary.write_bytes(b"\x81\x30\xff\xfe\x00\xff" * 10)
    with pytest.raises(ArticleFormatError):
        read_articles(binary)


def test_gb18030_file_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "gbk.txt"
    path.write_bytes("标题\n新浪财经· 2025-05-05 10:00\n正文内容\n".encode("gb18030"))
    frame = read_articles(path)
    assert frame.loc[0, "source"] == "新浪财经"
    assert frame.loc[0, "body"] == "正文内容"
