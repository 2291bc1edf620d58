"""CI's smoke run of the benchmarks: a few hundred rows, every row of the table printed.

No timing assertions: the figures themselves come from a full run (tests/bench/run.py).
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent / "bench"


def _load(name: str):
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCH / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_smoke_run_prints_every_row(tmp_path):
    # The peers' environments point at nothing here: their rows must say they were skipped
    # and why, and the rest of the run go on (a full run measures them where they exist).
    missing = tmp_path / "no-such-env" / "bin" / "python"
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLOSER_TEST_")}
    env.update(CLOSER_TEST_DOOIT_PYTHON=str(missing), CLOSER_TEST_HARLEQUIN_PYTHON=str(missing))
    done = subprocess.run(
        [sys.executable, str(BENCH / "run.py"), "--smoke", "--data", str(tmp_path / "data")],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )
    assert done.returncode == 0, done.stderr[-4000:]
    lines = done.stdout.splitlines()
    for row in _load("run").ROWS:
        assert any(line.startswith(row) for line in lines), f"no row {row!r} in:\n{done.stdout}"
    assert any(line.startswith("machine: ") for line in lines)
    assert "Traceback" not in done.stdout + done.stderr
    for peer in ("dooit", "harlequin"):
        rows = [line for line in lines if line.startswith("app start") and f"vs {peer}" in line]
        assert len(rows) == 3 and all(row.rstrip().endswith("skipped") for row in rows), rows
        assert f"- {peer}: skipped, not installed (no $CLOSER_TEST_{peer.upper()}_PYTHON" in (
            done.stdout
        )


def test_a_peer_whose_python_does_not_import_it_is_skipped_with_the_reason(monkeypatch):
    run = _load("run")
    monkeypatch.setenv("CLOSER_TEST_DOOIT_PYTHON", sys.executable)  # closer's: no dooit
    python, why = run.find_peer("dooit")
    assert python is None
    assert why.startswith("dooit does not import in its environment (python -m venv .venv-dooit")


def test_generator_is_deterministic_and_writes_jrnl(tmp_path):
    make = _load("make_journal")
    sizes = make.Sizes(entries=30, thoughts=4, loop=3, maps=2, ritual_logs=10)
    from datetime import date

    first = make.make(tmp_path / "a", sizes, seed=3, end=date(2025, 6, 1))
    second = make.make(tmp_path / "b", sizes, seed=3, end=date(2025, 6, 1))
    assert first["counts"] == second["counts"]
    assert first["counts"]["entries"] == 30
    assert first["counts"]["ritual_log"] == 10
    assert (tmp_path / "a" / "jrnl.txt").read_text() == (tmp_path / "b" / "jrnl.txt").read_text()
    jrnl = (tmp_path / "a" / "jrnl.txt").read_text()
    assert jrnl.count("\n[20") + jrnl.startswith("[20") == 30

    from storage import Journal

    with Journal.open(tmp_path / "a" / "journal.db") as a, Journal.open(
        tmp_path / "b" / "journal.db"
    ) as b:
        query = "SELECT occurred_at, title, body, mood, starred FROM entries ORDER BY id"
        assert a.query(query) == b.query(query)
