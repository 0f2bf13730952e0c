"""benchmarks/stages.py times each stage of a cold run where the pipeline calls it."""

from __future__ import annotations

from importlib import import_module
from pathlib import Path

import pytest

from tests.benchmarks.scripts import load

stages = load("stages")


def _attribute(module_name: str, attribute: str) -> object:
    owner: object = import_module(module_name)
    for name in attribute.split("."):
        owner = getattr(owner, name)
    return owner


def test_every_stage_names_a_function_the_pipeline_has() -> None:
    for _stage, module_name, attribute in stages.STAGES:
        assert callable(_attribute(module_name, attribute)), (module_name, attribute)


def test_the_timers_see_the_page_stages_and_are_taken_off_after(catalog: Path) -> None:
    before = [_attribute(module, attribute) for _, module, attribute in stages.STAGES]
    timers = stages.Timers()
    stages.cold_run(stages.Catalog.load(catalog), timers)
    for stage in ("parse (orjson, duplicate keys)", "rules", "schema (jsonschema-rs verdict)"):
        assert timers.seconds[stage] > 0, stage
    assert [_attribute(module, attribute) for _, module, attribute in stages.STAGES] == before


def test_the_report_covers_the_whole_run(catalog: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert stages.main([str(catalog), "--repeats", "1"]) == 0
    out = capsys.readouterr().out
    assert "walk, dispatch, catalog pass, rest" in out
    assert "untimed run / floor" in out
