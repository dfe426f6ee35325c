"""`reequity event-study` end to end on the shipped cache (offline) and on a returns CSV."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from reequity.cli.app import app

runner = CliRunner()
APRIL = "cn_export_controls_2025_04_04"


@pytest.fixture(scope="module")
def default_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("es") / "out"
    result = runner.invoke(app, ["event-study", "--out", str(out)], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    return out, result.output


def test_default_output_fits_80_columns(default_run: tuple[Path, str]) -> None:
    out, output = default_run
    long = [line for line in output.splitlines() if len(line) > 80]
    assert not long, long
    # a headline, not the 156-row table: 4 head lines, one line per event, 3 per pool
    # (its pooled row, CN, ex-CN) after 3 lines of pool heading, the multiplicity line and
    # the confounded rows' footnote (2 + 3 lines), files and warnings
    caar = pd.read_csv(out / "caar.csv")
    n_events = caar["event_id"].ne("ALL").groupby(caar["window"]).sum().iloc[0]
    n_pools = pd.read_csv(out / "pools.csv")["pool"].nunique()
    assert len(output.splitlines()) <= 4 + n_events + 3 + 3 * n_pools + 2 + 3 + 5


def test_warnings_come_after_the_results_with_one_prefix(default_run: tuple[Path, str]) -> None:
    out, output = default_run
    lines = output.splitlines()
    files = next(i for i, line in enumerate(lines) if line.startswith("files: "))
    pooled = max(i for i, line in enumerate(lines) if line.startswith(("ALL ", "  ex-CN")))
    warned = [i for i, line in enumerate(lines) if "Warning:" in line or "warning" in line]
    assert warned and min(warned) > max(pooled, files)
    assert all(lines[i].startswith("warning: ") for i in warned), [lines[i] for i in warned]
    assert len({lines[i] for i in warned}) == len(warned)  # one line per kind, counted
    assert f"files: {out}/" in output


def test_headline_shows_every_event_with_interval_and_robust_p(
    default_run: tuple[Path, str],
) -> None:
    out, output = default_run
    caar = pd.read_csv(out / "caar.csv")
    first = caar[caar["window"] == "-1:1"]
    row = first[first["event_id"] == APRIL].iloc[0]
    # 'cn_export_cont…_2025_04_04' with its CAAR and dependence-robust 95% interval (the
    # CDA's, not the cross-sectional one), in percent
    line = next(ln for ln in output.splitlines() if ln.startswith("cn_export_cont…_2025_04_04"))
    assert f"{100 * row['caar']:+.2f}" in line
    robust = f"[{100 * row['robust_ci_lower']:+.2f}, {100 * row['robust_ci_upper']:+.2f}]"
    assert robust in line and "95% CI (CDA) %" in output
    assert f"[{100 * row['ci_lower']:+.2f}, {100 * row['ci_upper']:+.2f}]" not in line
    n_events = first["event_id"].ne("ALL").sum()
    assert sum("…_20" in ln or ln[:4].isalpha() for ln in output.splitlines()) >= n_events


def test_report_leads_with_every_events_headline(default_run: tuple[Path, str]) -> None:
    out, _ = default_run
    report = (out / "report.md").read_text(encoding="utf-8")
    headline = report.split("\n## ")[1]  # the first section after the title and note
    assert headline.startswith("Headline: CAAR with dependence-robust tests, window -1:1")
    caar = pd.read_csv(out / "caar.csv")
    for event_id in set(caar["event_id"]) - {"ALL"}:
        assert f"| {event_id} |" in headline, event_id
    # the ALL row over every event mixes the event types: it is in summary.csv only
    assert "| ALL |" not in headline and "(mixes pools): summary.csv" in headline
    assert "First 60 of" not in report and "rows; all rows are in" not in report
    order = [report.index(h) for h in ("## Headline", "## Issues", "## Figures", "## Files",
                                       "## Settings")]  # fmt: skip
    assert order == sorted(order)
    assert "[summary.csv](summary.csv)" in report and "[issues.csv](issues.csv)" in report
    issues = pd.read_csv(out / "issues.csv")
    for kind, count in issues["kind"].value_counts().items():
        assert f"| {kind} | {count} |" in report


def test_default_run_writes_every_file(default_run: tuple[Path, str]) -> None:
    out, output = default_run
    for name in ("ar", "car", "caar", "aar", "tests", "issues", "summary"):
        assert (out / f"{name}.csv").stat().st_size > 0
    assert list(out.glob("*.png")), "figures are written"
    report = (out / "report.md").read_text(encoding="utf-8")
    assert "CAAR with dependence-robust tests" in report and "](" in report
    page = (out / "report.html").read_text(encoding="utf-8")  # self-contained twin
    assert page.count("data:image/png;base64,") == report.count("![")
    assert "CAAR" in output and "ALL" in output


def test_default_run_covers_catalogue_policy_events_only(default_run: tuple[Path, str]) -> None:
    out, _ = default_run
    caar = pd.read_csv(out / "caar.csv")
    from reequity.events.catalogue import load_catalogue

    cat = load_catalogue()
    policy = set(cat.loc[~cat["confounder"], "event_id"])
    studied = set(caar["event_id"]) - {"ALL"}
    assert studied <= policy
    assert len(studied) >= 0.8 * len(policy)
    assert not studied & set(cat.loc[cat["confounder"], "event_id"])


def test_day0_on_each_exchange_calendar(default_run: tuple[Path, str]) -> None:
    out, _ = default_run
    ar = pd.read_csv(out / "ar.csv", dtype={"ticker": str}, parse_dates=["date"])
    day0 = ar[(ar["event_id"] == APRIL) & (ar["tau"] == 0)].set_index("ticker")["date"]
    # MOFCOM No. 18 came out in the Beijing evening of 2025-04-04 (Friday), after the
    # Sydney close and with Shanghai closed for Qingming: day 0 is Monday 04-07 there;
    # New York's 04-04 session closed after the announcement
    assert day0["600111"] == pd.Timestamp("2025-04-07")
    assert day0["LYC.AX"] == pd.Timestamp("2025-04-07")
    assert day0["MP"] == pd.Timestamp("2025-04-04")


def test_pairs_before_rare_earth_business_are_skipped(default_run: tuple[Path, str]) -> None:
    out, _ = default_run
    issues = pd.read_csv(out / "issues.csv", dtype={"ticker": str})
    skipped = issues[(issues["kind"] == "skipped") & (issues["ticker"] == "600392")]
    assert skipped["event_id"].str.contains("2010").any()
    ar = pd.read_csv(out / "ar.csv", dtype={"ticker": str})
    assert not ((ar["ticker"] == "600392") & ar["event_id"].str.contains("2010")).any()


def test_confounders_are_reported(default_run: tuple[Path, str]) -> None:
    _, output = default_run
    assert "ConfounderWarning" in output


def test_csv_format_is_machine_readable(tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        [
            "event-study",
            "--event-ids",
            APRIL,
            "--tickers",
            "600111,LYC.AX,MP",
            "--window",
            "-1:1",
            "--format",
            "csv",
            "--out",
            str(tmp_path),
        ],
    )
    assert result.exit_code == 0, result.output
    lines = [ln for ln in result.stdout.splitlines() if ln.startswith(("event_id", APRIL, "ALL"))]
    frame = pd.read_csv(pd.io.common.StringIO("\n".join(lines)))
    assert {"event_id", "window", "caar", "cda_stat", "cda_p"} <= set(frame.columns)
    assert set(frame["window"]) == {"-1:1"}


def test_json_format(tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        [
            "event-study",
            "--event-ids",
            APRIL,
            "--tickers",
            "LYC.AX,MP,ILU.AX",
            "--window",
            "0:0",
            "--format",
            "json",
            "--out",
            str(tmp_path),
        ],
    )
    assert result.exit_code == 0, result.output
    start = result.stdout.index("[")
    records = json.loads(result.stdout[start : result.stdout.rindex("]") + 1])
    assert {r["event_id"] for r in records} == {APRIL, "ALL"}


def test_returns_file_with_benchmark_column(tmp_path: Path, synthetic_returns) -> None:
    returns = synthetic_returns(tmp_path / "synthetic_returns.csv")
    dates = pd.read_csv(returns)["date"]
    events = tmp_path / "events.csv"
    pd.DataFrame({"event_id": ["shock"], "date": [dates.iloc[280]]}).to_csv(events, index=False)
    result = runner.invoke(
        app,
        [
            "event-study",
            "--returns",
            str(returns),
            "--benchmark",
            "MKT",
            "--events",
            str(events),
            "--window",
            "0:0",
            "--format",
            "csv",
            "--out",
            str(tmp_path / "o"),
        ],
    )
    assert result.exit_code == 0, result.output
    caar = pd.read_csv(tmp_path / "o" / "caar.csv")
    row = caar[(caar["event_id"] == "ALL") & (caar["window"] == "0:0")].iloc[0]
    assert row["caar"] == pytest.approx(0.05, abs=0.01)
    assert row["n_firms"] == 3


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--window", "5:-5"], "--window"),
        (["--estimation", "-10:-250"], "--estimation"),
        (["--estimation", "-250:0"], "--estimation"),
        (["--model", "magic"], "--model"),
        (["--convention", "stata"], "--convention"),
        (["--window", "a:b"], "--window"),
    ],
)
def test_invalid_options_are_usage_errors(args: list[str], needle: str) -> None:
    result = runner.invoke(app, ["event-study", *args])
    assert result.exit_code == 2
    assert needle in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--tickers", "NOPE"], "NOPE"),
        (["--tickers", "../../etc/passwd"], "passwd"),
        (["--event-ids", "no_such_event"], "no_such_event"),
        (["--returns", "/nonexistent/returns.csv", "--benchmark", "X"], "does not exist"),
    ],
)
def test_bad_values_exit_1_with_one_line(tmp_path: Path, args: list[str], needle: str) -> None:
    result = runner.invoke(app, ["event-study", *args, "--out", str(tmp_path)])
    assert result.exit_code == 1
    assert needle in result.output
    assert "Traceback" not in result.output


def test_version_option() -> None:
    import reequity

    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.output.strip() == f"reequity {reequity.__version__}"


def test_default_pool_holds_stocks_only(default_run: tuple[Path, str]) -> None:
    out, _ = default_run
    from reequity.data.universe import load_universe

    kinds = load_universe()["kind"]
    car = pd.read_csv(out / "car.csv", dtype={"ticker": str, "group": str})
    pooled = car[car["pooled"]]
    assert set(kinds[pooled["ticker"].unique()]) == {"stock"}
    assert {"516150", "REMX", "CNRE_EW"} <= set(car.loc[~car["pooled"], "ticker"])
    caar = pd.read_csv(out / "caar.csv")
    n_pooled = pooled.groupby(["event_id", "window"])["car"].count()
    per_event = caar[caar["event_id"] != "ALL"].set_index(["event_id", "window"])["n_firms"]
    assert per_event.to_dict() == n_pooled.reindex(per_event.index).to_dict()
    all_rows = caar[caar["event_id"] == "ALL"].set_index("window")["n_firms"]
    assert all_rows.to_dict() == pooled.groupby("window")["car"].count().to_dict()


def test_default_run_reports_groups_and_their_difference(default_run: tuple[Path, str]) -> None:
    out, output = default_run
    groups = pd.read_csv(out / "group_caar.csv")
    assert {"CN", "ex-CN", "etf:CN", "etf:ex-CN", "basket:CN"} <= set(groups["group"])
    diff = pd.read_csv(out / "group_difference.csv")
    assert set(diff["test"]) == {"long_short_cda", "long_short_rank"}
    assert set(diff["group_a"] + " - " + diff["group_b"]) == {"ex-CN - CN"}
    assert (diff["event_id"] == "ALL").any() and diff["pvalue"].notna().any()
    # the terminal shows each pool's stock groups; every group is in the report
    assert "  CN  " in output and "  ex-CN  " in output
    report = (out / "report.md").read_text(encoding="utf-8")
    assert "| export_control | etf:CN |" in report and "Difference between groups" in report
    assert "long short cda" in report and "Brown and Warner (1985)" in report
    assert "of 4" not in report


def test_regress_on_group_and_user_characteristics(tmp_path: Path) -> None:
    chars = tmp_path / "synthetic_characteristics.csv"
    pd.DataFrame(
        {"ticker": ["600111", "LYC.AX", "MP", "ILU.AX"], "size": [3.0, 2.0, 1.5, 1.0]}
    ).to_csv(chars, index=False)
    result = runner.invoke(
        app,
        [
            "event-study",
            "--event-ids",
            f"{APRIL},cn_export_controls_2025_10_09",
            "--tickers",
            "600111,LYC.AX,MP,ILU.AX",
            "--window",
            "-1:1",
            "--regress",
            "group,size",
            "--characteristics",
            str(chars),
            "--cov",
            "cluster",
            "--out",
            str(tmp_path / "o"),
        ],
    )
    assert result.exit_code == 0, result.output
    table = pd.read_csv(tmp_path / "o" / "cross_section.csv")
    assert list(table["term"]) == ["Intercept", "group[T.ex-CN]", "size"]
    assert (table["n_obs"] == 8).all() and (table["n_clusters"] == 2).all()
    assert "cluster standard errors" in result.output


def test_characteristics_without_regress_is_an_error(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["event-study", "--characteristics", str(tmp_path / "x.csv"), "--out", str(tmp_path)]
    )
    assert result.exit_code == 1 and "--regress" in result.output
    assert "Traceback" not in result.output


def test_robustness_writes_the_specification_curve(tmp_path: Path, synthetic_returns) -> None:
    returns = synthetic_returns(tmp_path / "synthetic_returns.csv")
    dates = pd.read_csv(returns)["date"]
    events = tmp_path / "events.csv"
    pd.DataFrame({"event_id": ["shock"], "date": [dates.iloc[280]]}).to_csv(events, index=False)
    out = tmp_path / "o"
    args = ["event-study", "--returns", str(returns), "--benchmark", "MKT", "--events",
            str(events), "--estimation", "-200:-11", "--robustness", "--out", str(out)]  # fmt: skip
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    curve = pd.read_csv(out / "robustness.csv")
    from reequity.study.robustness import default_grid

    grid = default_grid()
    # choices that cannot apply to a plain returns file are left out (one value each)
    varied = grid[~grid["choice"].isin(["benchmark", "firms", "pool"])]
    n_specs = int(varied.groupby("choice").size().prod())
    assert curve["spec_id"].nunique() == n_specs and len(curve) == 2 * n_specs
    assert (out / "specification_curve_ALL.png").stat().st_size > 0
    assert "Specification curve" in (out / "report.md").read_text(encoding="utf-8")
    assert f"of {n_specs} specifications" in result.output


def test_robustness_re_runs_the_headline_pool(tmp_path: Path, synthetic_returns) -> None:
    """With pools the curve's ALL row is the largest pool's, not a row mixing event types."""
    returns = synthetic_returns(tmp_path / "synthetic_returns.csv")
    dates = pd.read_csv(returns)["date"]
    events = tmp_path / "events.csv"
    pd.DataFrame({
        "event_id": ["control_a", "control_b", "deal"],
        "date": [dates.iloc[260], dates.iloc[275], dates.iloc[290]],
        "event_type": ["export_control", "export_control", "trade_agreement"],
    }).to_csv(events, index=False)  # fmt: skip
    out = tmp_path / "o"
    args = ["event-study", "--returns", str(returns), "--benchmark", "MKT", "--events",
            str(events), "--robustness", "--out", str(out)]  # fmt: skip
    result = runner.invoke(app, args)  # the default estimation window is the grid's first
    assert result.exit_code == 0, result.output
    curve = pd.read_csv(out / "robustness.csv")
    assert set(curve["event_id"]) == {"ALL", "control_a", "control_b"}
    pools = pd.read_csv(out / "pools.csv")
    row = pools[(pools["pool"] == "export_control") & (pools["group"] == "ALL")]
    base = curve[(curve["spec_id"] == 0) & (curve["event_id"] == "ALL")]
    window = base["window"].iloc[0]
    assert base["caar"].iloc[0] == pytest.approx(
        row[row["window"] == window]["caar"].iloc[0], abs=1e-12
    )
    report = (out / "report.md").read_text(encoding="utf-8")
    assert "Specification curve of the headline pool, ALL export_control (2)" in report
    assert "Specification curve of ALL export_control (2), the headline pool:" in result.output


def test_headline_leads_with_events_then_each_event_type_pool(
    default_run: tuple[Path, str],
) -> None:
    """The main job pools by the catalogue's event_type: per-event rows, then for each
    pool "ALL <type> (n)" with its CN and ex-CN rows; no mixed "ALL events" row."""
    out, output = default_run
    lines = output.splitlines()
    pools = pd.read_csv(out / "pools.csv")
    counts = pools.drop_duplicates("pool").set_index("pool")["n_events"]
    assert counts.index[0] == "export_control" and counts.is_monotonic_decreasing
    assert not any(line.startswith("ALL events") for line in lines)
    from reequity.cli.brief import pool_row_label

    at = [next(i for i, ln in enumerate(lines) if ln.startswith(pool_row_label(p, n) + " "))
          for p, n in counts.items()]  # fmt: skip
    assert at == sorted(at)
    last_event = max(i for i, ln in enumerate(lines) if "…_20" in ln or ln.startswith("cn_"))
    assert last_event < at[0]
    first = pools[(pools["pool"] == "export_control") & (pools["window"] == "-1:1")]
    rows = first.set_index("group")
    assert lines[at[0]].startswith("ALL export_control (12)")
    assert f"{100 * rows.at['ALL', 'caar']:+.2f}" in lines[at[0]]
    assert lines[at[0] + 1].startswith("  CN ") and lines[at[0] + 2].startswith("  ex-CN ")
    assert f"{100 * rows.at['ex-CN', 'caar']:+.2f}" in lines[at[0] + 2]


def test_csvs_carry_the_pool_and_flag_the_mixed_all_rows(default_run: tuple[Path, str]) -> None:
    out, _ = default_run
    from reequity.events.catalogue import load_catalogue

    types = load_catalogue().set_index("event_id")["event_type"]
    for name in ("caar", "summary", "tests", "group_caar"):
        frame = pd.read_csv(out / f"{name}.csv", keep_default_na=False)
        mine = frame[frame["event_id"] != "ALL"]
        assert (mine["pool"] == mine["event_id"].map(types)).all(), name
        assert frame.loc[frame["event_id"] == "ALL", "mixes_pools"].astype(str).eq("True").all()
        assert mine["mixes_pools"].astype(str).eq("False").all(), name
    car = pd.read_csv(out / "car.csv", dtype={"ticker": str})
    assert "mixes_pools" not in car and car["pool"].notna().all()
    diff = pd.read_csv(out / "pool_difference.csv")
    assert set(diff["group_a"] + " - " + diff["group_b"]) == {"ex-CN - CN"}
    assert set(diff["pool"]) == set(pd.read_csv(out / "pools.csv")["pool"])


def test_report_has_a_section_per_pool_and_the_headline_pools_figure(
    default_run: tuple[Path, str],
) -> None:
    out, _ = default_run
    report = (out / "report.md").read_text(encoding="utf-8")
    section = report.split("## Pools of comparable events (by event_type)")[1].split("\n## ")[0]
    pools = pd.read_csv(out / "pools.csv")
    main = pools[pools["window"] == "-1:1"]
    for pool, group in zip(main["pool"], main["group"], strict=True):
        assert f"| {pool} | {group} |" in section, (pool, group)
    assert "pools.csv" in section.splitlines()[0] and "[pools.csv](pools.csv)" in report
    assert "[pool_difference.csv](pool_difference.csv)" in report
    assert report.index("## Headline") < report.index("## Pools") < report.index("## Issues")
    figure = out / "caar_pool_export_control_-1_1.png"
    assert figure.stat().st_size > 0 and not (out / "caar_ALL_-1_1.png").exists()
    assert "CAAR path, headline pool export_control (12 events" in report
    page = (out / "report.html").read_text(encoding="utf-8")
    assert "Pools of comparable events (by event_type)" in page
    assert page.count("<td>export_control</td>") >= 3


def test_format_csv_prints_what_summary_csv_holds(tmp_path: Path) -> None:
    """``--format csv`` stdout is summary.csv: each event's pool, the mixed ALL flagged."""
    import io

    out = tmp_path / "o"
    args = ["event-study", "--event-ids", f"{APRIL},cn_export_control_suspension_2025_11_07",
            "--format", "csv", "--no-figures", "-o", str(out)]  # fmt: skip
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("event_id,"))
    printed = pd.read_csv(io.StringIO("\n".join(lines[start:])))
    written = pd.read_csv(out / "summary.csv")
    assert list(printed.columns) == list(written.columns) and "pool" in printed.columns
    assert printed["event_id"].tolist() == written["event_id"].tolist()
    assert printed.loc[printed["event_id"] == "ALL", "mixes_pools"].all()


def test_headline_says_what_chance_alone_gives(default_run: tuple[Path, str]) -> None:
    """Real catalogue: the line under the events counts the CDA's rejections of the main
    window and those that survive Benjamini-Hochberg, from the q-values in summary.csv."""
    out, output = default_run
    summary = pd.read_csv(out / "summary.csv")
    rows = summary[(summary["window"] == "-1:1") & (summary["event_id"] != "ALL")]
    m, hits = len(rows), int((rows["cda_p"] < 0.05).sum())
    survive = int((rows["cda_q"] < 0.05).sum())
    assert 0 < survive < hits  # several events reject at 5 %, fewer survive the FDR
    line = (
        f"{m} events: {hits} with CDA p < 0.05 ({0.05 * m:.1f} expected by chance); "
        f"{survive} with BH q < 0.05"
    )
    assert line in output
    assert f"Multiplicity, headline window: {line}" in (out / "report.md").read_text()
