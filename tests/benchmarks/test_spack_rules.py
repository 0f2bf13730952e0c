"""benchmarks/spack_rules.py measures each CL6xx rule alone, all of them, and none."""

from __future__ import annotations

from pathlib import Path

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


def load_catalog(root: Path):
    return spack_rules.Catalog.load(root)
