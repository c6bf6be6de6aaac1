"""benchmarks/phrase_matching.py keeps running while the lexicon changes, and says what it lacks."""

from __future__ import annotations

import importlib.util
import re
import sys
from types import ModuleType

import pytest
from conftest import CORPUS, ROOT


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("phrase_matching", ROOT / "benchmarks" / "phrase_matching.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_without_spacy_it_says_in_one_line_how_to_install_it(monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "spacy", None)  # import spacy now raises ImportError
    assert _bench().main(["--cold", "0"]) == 2
    out = capsys.readouterr()
    assert out.out == ""
    assert out.err.count("\n") == 1 and "pip install -e '.[bench]'" in out.err


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not beside the repository")
def test_on_two_articles_spacy_given_the_projects_rules_finds_its_spans(capsys):
    pytest.importorskip("spacy", reason="spaCy is the bench extra: pip install -e '.[bench]'")
    assert _bench().main(["--articles", "2", "--rounds", "1", "--cold", "0", "--examples", "1"]) == 0
    out = capsys.readouterr().out
    rows = {m.group(1): m.group(2).split() for m in re.finditer(r"^  (\w+) +(\d[\d. ]*)$", out, re.M)}
    assert set(rows) >= {"schemes", "scheme_coord", "scheme_cues", "indicator_cues", "event_cues", "areas", "orgs"}
    project, *cells = rows["all"]
    assert int(project) > 0
    kinds = [cells[i : i + 3] for i in range(0, len(cells), 3)]  # spans, precision, recall of each spaCy kind
    assert len(kinds) == 3
    for _, precision, recall in kinds[1:]:  # the same phrases and the project's rules: the same spans
        assert float(precision) >= 0.95 and float(recall) >= 0.95
    assert re.search(r"^  project, one pass .* sentences/s .* articles/s", out, re.M)
    assert re.search(r"^  \[1\] spaCy, tokenizer \+ 7 matchers .* articles/s", out, re.M)
