"""docs/rules.md is generated from the rules' docstrings; this fails when it is stale."""

from __future__ import annotations

import importlib.util

import pytest

from cachelint.rules.doc import builtin_markdown, rule_docs
from cachelint.rules.registry import load_rules


def test_rules_doc_is_up_to_date(repo):
    current = (repo / "docs" / "rules.md").read_text(encoding="utf-8")
    assert current == builtin_markdown(load_rules()), (
        "docs/rules.md is stale: run python scripts/update_rules_doc.py"
    )


@pytest.mark.parametrize("doc", rule_docs(load_rules()), ids=lambda doc: doc.code)
def test_every_code_explains_itself_with_examples(doc):
    assert doc.summary
    assert doc.explanation, f"{doc.code}: say why it matters"
    titles = [example.title for example in doc.examples]
    assert any(title.startswith("Failing") for title in titles), f"{doc.code}: failing example"
    assert any(title.startswith("Passing") for title in titles), f"{doc.code}: passing example"
    assert all(example.text for example in doc.examples)


def test_update_script_writes_and_checks(repo, tmp_path, monkeypatch, capsys):
    spec = importlib.util.spec_from_file_location("update", repo / "scripts/update_rules_doc.py")
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    target = tmp_path / "rules.md"
    monkeypatch.setattr(script, "RULES_DOC", target)
    assert script.main(["--check"]) == 1
    assert "is stale" in capsys.readouterr().out
    assert script.main([]) == 0
    assert script.main(["--check"]) == 0
    assert target.read_text(encoding="utf-8") == builtin_markdown(load_rules())
