"""Throughput of the event extraction pipeline (goal: >= 2 MB of article text per second, one core).

Builds a synthetic dump of about 2 MB by repeating the seed articles (dense rare-earth news;
the repeat is only a benchmark input, it is never written to data_cache/), then times
``read_articles`` + ``extract_events`` + ``mentions_to_events`` and prints MB/s of UTF-8
article text, and where the time goes:

read        splitting the dump into articles
convert     Traditional -> Simplified (OpenCC) and digit folding
dates       the temporal rules (rules gated by the same trigger substrings share one combined
            regex pass, see reequity.events._date_scan), roles (report / period / future)
            and anaphora, sentence splitting
labels      keyword, actor and element scans (one pass per vocabulary and script, over the
            title and dated sentences, skipped where a sentence holds none of the
            vocabulary's first characters), clause logic, catalogue links, the output frame
events      mentions -> study events (:func:`reequity.events.mentions.mentions_to_events`)

Each stage is timed best of ``--repeat`` in CPU seconds of this process (``process_time``),
which a busy shared machine disturbs less than the wall clock; the wall-clock figure of the
whole pipeline and the load average are printed too, so a reader knows the conditions.
Compare two versions back to back in the same conditions, never figures from different days.

Run: ``python benchmarks/bench_extract.py [--megabytes 2] [--repeat 3]``
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

from reequity.events._text import fold_digits, to_simplified
from reequity.events.articles import read_articles
from reequity.events.dates import resolve_with_sentences
from reequity.events.extract import extract_events
from reequity.events.mentions import mentions_to_events

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


def _best(fn, repeat: int) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    """Best CPU time of ``repeat`` calls of ``fn`` and its (last) result."""
    best, out = float("inf"), None
    for _ in range(repeat):
        start = time.process_time()
        out = fn()
        best = min(best, time.process_time() - start)
    return best, out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=2.0)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    dump = synthetic_dump(args.megabytes)
    size_mb = len(dump.encode("utf-8")) / 1e6
    extract_events(dump[:20000])  # warm up regex caches, OpenCC and the catalogue
    t_read, articles = _best(lambda: read_articles(dump), args.repeat)
    texts = [(f"{r.title}\n{r.body}", r.published_at.date()) for r in articles.itertuples()]
    t_conv, _ = _best(lambda: [fold_digits(to_simplified(t)) for t, _ in texts], args.repeat)
    t_dates, _ = _best(lambda: [resolve_with_sentences(t, p) for t, p in texts], args.repeat)
    t_extract, frame = _best(lambda: extract_events(articles), args.repeat)
    t_events, _ = _best(lambda: mentions_to_events(frame), args.repeat)
    wall = time.perf_counter()
    mentions_to_events(extract_events(read_articles(dump)))
    wall = time.perf_counter() - wall
    total = t_read + t_extract + t_events
    print(f"dump: {size_mb:.2f} MB, {len(articles)} articles, {len(frame)} mentions; "
          f"load average {os.getloadavg()[0]:.1f}")  # fmt: skip
    print("where the time goes (CPU seconds, best of --repeat):")
    for name, seconds in [("read", t_read), ("convert", t_conv), ("dates", t_dates - t_conv),
                          ("labels", t_extract - t_dates), ("events", t_events)]:  # fmt: skip
        print(f"  {name:8s} {seconds:7.3f} s  {100 * seconds / total:5.1f}%")
    print(f"resolve_dates only : {size_mb / t_dates:6.2f} MB/s (CPU)")
    print(f"read + extract + events: {size_mb / total:6.2f} MB/s CPU, {size_mb / wall:6.2f} MB/s "
          "wall (goal >= 2 MB/s on one core)")  # fmt: skip


if __name__ == "__main__":
    main()
