"""The README's examples are run: a command it shows prints what it says, so it cannot go stale."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from conftest import ROOT

from kg.cli import _parser, main

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _shown(command: str) -> str:
    """The output the README shows under `$ <command>` (up to the end of its code block)."""
    m = re.search(rf"^\$ {re.escape(command)}\n(.*?)^```", README, re.M | re.S)
    assert m, f"the README shows no output of {command!r}"
    return m.group(1)


def _commands() -> list[str]:
    """Every `pension-kg ...` line of the README's shell blocks (comments stripped)."""
    blocks = re.findall(r"^```sh\n(.*?)^```", README, re.M | re.S)
    lines = [line.split("#")[0].strip() for block in blocks for line in block.splitlines()]
    out = []
    for line in lines:
        for part in line.split("&&"):
            part = part.strip()
            if part.startswith("pension-kg "):
                out.append(part)
    return out


@pytest.mark.parametrize("command", _commands())
def test_every_command_the_readme_shows_parses(command):
    args = shlex.split(command)[1:]
    _parser().parse_args(args)  # exits 2 (SystemExit) on an unknown command or option


def test_build_prints_what_the_readme_shows(tmp_path, capsys):
    shown = re.search(r"^(documents \d+, .*?)\n(wrote .*?)$", README, re.M)
    assert shown
    assert main(["build", "--out", str(tmp_path / "build")]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert printed[0] == shown.group(1)
    assert printed[1] == shown.group(2).replace("build/", f"{tmp_path / 'build'}/")


def test_named_question_prints_what_the_readme_shows(built, capsys):
    assert main(["query", "participants_2022", "--build", str(built)]) == 0
    assert capsys.readouterr().out == _shown("pension-kg query participants_2022")


def test_analyze_path_prints_what_the_readme_shows(built, capsys):
    assert main(["analyze", "--path", "Qi Tao", "personal pension", "--build", str(built)]) == 0
    assert capsys.readouterr().out == _shown('pension-kg analyze --path "Qi Tao" "personal pension"')


def test_the_readme_test_command_is_what_ci_runs():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    shown = re.search(r"^pip install -e '\.\[test\]' && (.*)$", README, re.M)
    assert shown
    for step in shown.group(1).split(" && "):
        assert re.search(rf"^{re.escape(step.split()[0])}\b", ci, re.M), step
    assert Path(ROOT / "pyproject.toml").is_file()
