"""Throughput of the event extraction pipeline (target: >= 1 MB of article text per second).

Builds a synthetic dump of about 2 MB by repeating the seed articles (the repeat is only a
benchmark input, it is never written to data_cache/), then times ``read_articles`` +
``extract_events`` on one core and prints MB/s of UTF-8 article text.

Run: ``python benchmarks/bench_extract.py [--megabytes 2] [--repeat 3]``
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from reequity.events.articles import read_articles
from reequity.events.dates import resolve_dates
from reequity.events.extract import extract_events

SEED = (
    Path(__file__).resolve().parents[1]
    / "tests"
    / "events"
    / "fixtures"
    / "rare_earth_articles_2025.txt"
)


def synthetic_dump(megabytes: float) -> str:
    """Repeat the seed's articles (not its header) until the dump reaches ``megabytes``."""
    lines = SEED.read_text(encoding="utf-8").splitlines()
    body = "\n".join(lines[4:]) + "\n"
    copies = max(1, int(megabytes * 1e6 / len(body.encode("utf-8"))) + 1)
    return "\n".join(lines[:4]) + "\n" + body * copies


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=2.0)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    dump = synthetic_dump(args.megabytes)
    size_mb = len(dump.encode("utf-8")) / 1e6
    extract_events(dump[:20000])  # warm up regex caches and the catalogue
    best_total = best_dates = float("inf")
    for _ in range(args.repeat):
        start = time.perf_counter()
        articles = read_articles(dump)
        frame = extract_events(articles)
        best_total = min(best_total, time.perf_counter() - start)
        start = time.perf_counter()
        for row in articles.itertuples(index=False):
            resolve_dates(f"{row.title}\n{row.body}", row.published_at)
        best_dates = min(best_dates, time.perf_counter() - start)
    print(f"dump: {size_mb:.2f} MB, {len(articles)} articles, {len(frame)} mentions")
    print(f"resolve_dates only : {size_mb / best_dates:6.2f} MB/s")
    print(f"read + extract     : {size_mb / best_total:6.2f} MB/s  (target >= 1 MB/s)")


if __name__ == "__main__":
    main()
