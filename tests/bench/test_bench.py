"""The bench harness in quick mode: every scenario runs against every target, every response
passes its check, and the report is complete. The figures are not asserted: on a shared
2-core machine they are noise at this size (tests/bench/RESULTS.md holds measured ones)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.bench.harness import SCENARIOS
from tests.bench.report import COLUMNS

pytestmark = [pytest.mark.slow, pytest.mark.timeout(300)]

REPO = Path(__file__).resolve().parents[2]
SECTIONS = ("### Setup", "### Figures", "### Overhead", "### Translation micro-benchmark")


def test_quick_bench_runs_every_scenario_on_every_target_without_a_bad_response(
    tmp_path: Path,
) -> None:
    report, figures = tmp_path / "results.md", tmp_path / "results.json"
    command = [sys.executable, "-m", "tests.bench", "--quick", "--out", str(report)]
    command += ["--json", str(figures), "--work", str(tmp_path / "work")]
    done = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=280)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-4000:]

    results = json.loads(figures.read_text())["results"]
    for scenario in SCENARIOS:
        expected = {t for t in COLUMNS if not (scenario.paced and t.startswith("direct"))}
        assert set(results[scenario.key]) == expected, scenario.key
        for target, cell in results[scenario.key].items():
            assert cell["errors"] == 0, (scenario.key, target, cell["error_samples"])
            assert cell["ok"] > 0 and cell["latency_ms"]["p50"] > 0, (scenario.key, target)

    for target, cell in results["paced"].items():
        # keep-alive: a proxy that leaves answers unread reconnects for every request
        assert cell["upstream_closed_per_100"] < 50, target

    markdown = report.read_text()
    for section in (*SECTIONS, "### Targets"):
        assert section in markdown
    tray = json.loads(figures.read_text())["facts"]["tray"]
    assert 0 < tray["time_to_icon_s"] < 60 and tray["idle_rss_mb"] > 10
    assert "| tray app: start to icon (offscreen) |" in markdown
    assert "| errors (all scenarios) | 0 | 0 | 0 | 0 | 0 | 0 | 0 |" in markdown
    figure_rows = markdown.split("### Figures")[1].split("###")[0].strip().splitlines()[2:]
    assert len(figure_rows) == 17
    for row in figure_rows:
        cells = [cell.strip() for cell in row.strip("|").split("|")]
        assert len(cells) == 1 + len(COLUMNS), row
        assert "nan" not in row, row
    target_rows = markdown.split("### Targets")[1].strip().splitlines()[2:]
    assert len(target_rows) == 12 and all("not measured" not in row for row in target_rows)
