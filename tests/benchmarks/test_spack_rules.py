"""benchmarks/spack_rules.py: each CL6xx rule alone, the runs in pairs, and cachegrind's counts."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.benchmarks.scripts import load

spack_rules = load("spack_rules")


def test_per_rule_measures_each_spack_rule_all_and_none(catalog, capsys):
    from cachelint.rules.registry import load_rules

    enabled = [doc.code for doc in load_rules().documented() if doc.enabled]
    spack = [code for code in enabled if code.startswith("CL6")]
    assert spack_rules.main([str(catalog), "--per-rule", "--repeats", "0"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[1].startswith("per rule") and "--ignore CL6" in lines[2]
    assert [line.split()[0] for line in lines[3:]] == ["all", *spack]


def test_cold_runs_fill_a_new_empty_cache_each_time(catalog, monkeypatch):
    commands: list[list[str]] = []

    def record(name, command):
        cache = command[command.index("--cache-dir") + 1]
        assert not Path(cache).exists() or not any(Path(cache).iterdir())  # empty, fresh
        commands.append(command)
        return spack_rules.Timing(name=name, seconds=1.0, rss_mb=None, cpu_seconds=1.0)

    monkeypatch.setattr(spack_rules, "run_process", record)
    monkeypatch.setattr(spack_rules, "compile_cachelint", lambda: None)
    samples = spack_rules.measure_processes(load_catalog(catalog), repeats=2, jobs=1, cold=True)
    assert [len(runs) for runs in samples.values()] == [2, 2]
    assert all("--no-cache" not in command for command in commands)
    caches = {command[command.index("--cache-dir") + 1] for command in commands}
    assert len(caches) == 4
    assert sum("--ignore" in command for command in commands) == 2


def test_pairs_go_in_a_seeded_random_order_and_their_ratios_stay_within_pairs(
    catalog, monkeypatch, capsys
):
    drift = [1.0, 0.5, 2.0, 0.7, 1.6, 0.9, 1.2]  # the machine's speed, pair by pair
    ratios = [1.0, 1.3, 1.05, 1.2, 1.1, 1.02, 1.25]  # median 1.1
    order: list[str] = []

    def run(name, command):
        pair = len(order) // 2
        order.append(name)
        cpu = drift[pair] * (ratios[pair] if name == spack_rules.WITH else 1.0)
        return spack_rules.Timing(name=name, seconds=cpu, rss_mb=None, cpu_seconds=cpu)

    monkeypatch.setattr(spack_rules, "run_process", run)
    monkeypatch.setattr(spack_rules, "compile_cachelint", lambda: None)
    samples = spack_rules.measure_processes(load_catalog(catalog), repeats=7, jobs=1)
    pairs = [order[i : i + 2] for i in range(0, len(order), 2)]
    assert all(sorted(pair) == sorted(spack_rules.IGNORED) for pair in pairs)
    assert {pair[0] for pair in pairs} == set(spack_rules.IGNORED)  # either goes first
    first = [pair[0] for pair in pairs]
    order.clear()
    spack_rules.measure_processes(load_catalog(catalog), repeats=7, jobs=1)
    assert [order[i] for i in range(0, len(order), 2)] == first  # seeded
    cpu = {name: [t.cpu_seconds for t in runs] for name, runs in samples.items()}
    assert spack_rules.pair_ratios(cpu) == pytest.approx(ratios)
    spack_rules.report_processes(samples)
    out = capsys.readouterr().out
    assert "cpu (median of the 7 pairs): 1.100  (pairs 1.000 to 1.300; target < 1.10)" in out
    assert "with / without, least cpu:      1.300  (target < 1.10)" in out  # 0.65 / 0.5


CACHEGRIND_OUT = """\
desc: I1 cache:         32768 B, 64 B, 8-way associative
desc: D1 cache:         49152 B, 64 B, 12-way associative
desc: LL cache:         536870912 B, 64 B, 2-way associative
cmd: cachelint check /tmp/bench-cat -j 1
events: Ir I1mr ILmr Dr D1mr DLmr Dw D1mw DLmw Bc Bcm Bi Bim
fl=???
fn=???
0 7 1 0 3 0 0 1 0 0 0 0 0 0
summary: {}
"""
WITHOUT_TOTALS = "1000 10 1 400 20 2 200 10 1 100 6 20 4"
WITH_TOTALS = "1100 12 1 440 25 2 220 13 2 110 8 22 4"


def test_reads_cachegrind_totals_and_weighs_them_in_simulated_cycles(tmp_path, capsys):
    out = tmp_path / "cachegrind.out"
    out.write_text(CACHEGRIND_OUT.format(WITHOUT_TOTALS))
    totals = spack_rules.read_cachegrind(out)
    assert totals["Ir"] == 1000 and totals["D1mw"] == 10 and totals["Bim"] == 4
    without = spack_rules.Simulated.from_totals(totals, seconds=80.0)
    assert without.first_level_misses == 10 + 20 + 10
    assert without.last_level_misses == 1 + 2 + 1
    assert without.mispredicted_branches == 6 + 4
    assert without.cycles == 1000 + 10 * 40 + 100 * 4 + 15 * 10  # 1950
    out.write_text(CACHEGRIND_OUT.format(WITH_TOTALS))
    with_ = spack_rules.Simulated.from_totals(spack_rules.read_cachegrind(out), seconds=90.0)
    assert with_.cycles == 1100 + 10 * 50 + 100 * 5 + 15 * 12  # 2280
    spack_rules.report_instructions({spack_rules.WITH: with_, spack_rules.WITHOUT: without})
    lines = capsys.readouterr().out.splitlines()
    assert lines[2].split() == ["with", "CL6xx", "1,100", "50", "5", "12", "2,280", "90.0", "s"]
    assert lines[3].split() == ["--ignore", "CL6", "1,000", "40", "4", "10", "1,950", "80.0", "s"]
    assert lines[-4].endswith("instructions:     1.100")
    assert lines[-3].endswith("simulated cycles: 1.169")  # 2280 / 1950
    assert lines[-1] == "  16.9% of the run's simulated cycles  (target < 10%)"


def test_cachegrind_runs_the_cold_run_with_and_without_into_a_new_empty_cache(catalog, monkeypatch):
    commands: list[list[str]] = []

    def cachegrind(command):
        cache = Path(command[command.index("--cache-dir") + 1])
        assert cache.is_dir() and not any(cache.iterdir())  # empty, fresh
        out = next(arg for arg in command if arg.startswith("--cachegrind-out-file="))
        totals = WITH_TOTALS if "--ignore" not in command else WITHOUT_TOTALS
        Path(out.partition("=")[2]).write_text(CACHEGRIND_OUT.format(totals))
        commands.append(command)

    monkeypatch.setattr(spack_rules, "run_cachegrind", cachegrind)
    monkeypatch.setattr(spack_rules, "compile_cachelint", lambda: None)
    counts = spack_rules.measure_instructions(load_catalog(catalog))
    assert [run.instructions for run in counts.values()] == [1100, 1000]
    assert [command[:4] for command in commands] == [spack_rules.CACHEGRIND] * 2
    for command in commands:
        check = command[command.index("check") :]
        assert check[:4] == ["check", str(catalog), "-j", "1"]
        assert "--output-format" in check and "--no-cache" not in check
    assert commands[0][-2:] != ["--ignore", "CL6"] and commands[1][-2:] == ["--ignore", "CL6"]
    caches = {command[command.index("--cache-dir") + 1] for command in commands}
    assert len(caches) == 2


def test_instructions_without_valgrind_exits_2_with_a_message(catalog, monkeypatch, capsys):
    monkeypatch.setattr(spack_rules.shutil, "which", lambda name, **_: None)
    assert spack_rules.main([str(catalog), "--instructions"]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.count("\n") == 1 and "valgrind" in captured.err


def load_catalog(root: Path):
    return spack_rules.Catalog.load(root)


def test_side_by_side_starts_both_runs_of_a_pair_before_waiting_for_either(
    catalog, monkeypatch, capsys
):
    events: list[tuple[str, str]] = []
    drift = [1.0, 2.0, 0.5, 1.5, 1.0]  # the machine's speed, pair by pair
    ratios = [1.08, 1.05, 1.2, 1.07, 1.09]  # median 1.08

    class Started:
        def __init__(self, command, **options):
            self.name = spack_rules.WITHOUT if "--ignore" in command else spack_rules.WITH
            self.command = command
            events.append(("start", self.name))

    def cpu_of(process):
        events.append(("wait", process.name))
        pair = sum(kind == "wait" for kind, _ in events[:-1]) // 2
        return drift[pair] * (ratios[pair] if process.name == spack_rules.WITH else 1.0)

    monkeypatch.setattr(spack_rules.subprocess, "Popen", Started)
    monkeypatch.setattr(spack_rules, "cpu_seconds_of", cpu_of)
    monkeypatch.setattr(spack_rules, "compile_cachelint", lambda: None)
    pairs = spack_rules.measure_side_by_side(load_catalog(catalog), repeats=5, jobs=2, cold=True)
    kinds = [kind for kind, _ in events]
    assert kinds == ["start", "start", "wait", "wait"] * 5
    assert [round(w / wo, 3) for w, wo in pairs] == ratios
    spack_rules.report_side_by_side(pairs, jobs=2)
    assert "median of the 5 pairs): 1.080  (quartiles 1.070 to 1.090" in capsys.readouterr().out
