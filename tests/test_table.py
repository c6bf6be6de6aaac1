"""The build's tidy tables: written once by `build`, printed as they are by `facts`."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from kg import store, table
from kg.cli import main
from kg.extract.facts import STATED


def _csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


@pytest.mark.parametrize("args, name", [([], "facts.csv"), (["--events"], "events.csv")])
def test_facts_prints_the_file_build_wrote_byte_for_byte(built, args, name):
    out = subprocess.run(
        [sys.executable, "-m", "kg.cli", "facts", *args, "--build", str(built)], capture_output=True, check=True
    ).stdout
    assert out == (built / name).read_bytes() and out.count(b"\n") > 3


def test_the_files_hold_what_the_built_graph_holds(built):
    """The tables are read out of the graph: read again from the files the graph was written to,
    they are the same, so nothing the table lists is missing from the graph."""
    graph = store.load_graph(built)
    for t, rows in ((table.STATISTICS, table.statistics(graph)), (table.EVENTS, table.events(graph))):
        assert table.render(rows, "csv", t.columns) == (built / t.file).read_text(encoding="utf-8")


def test_every_stated_figure_and_event_of_the_extractor_is_a_row(all_corpus, all_graph):
    stats, events = table.statistics(all_graph), table.events(all_graph)

    def keys(rows):
        return {(r["source"], r["indicator"], r["period"], r["figure_start"]) for r in rows}

    stated = [f for f in all_corpus.facts if f.status in STATED]
    assert {(f.source, f.indicator, f.period, str(f.figure[0])) for f in stated if not f.is_event} <= keys(stats)
    # every event the graph holds, with the a09 eligibility cut-off that the extractor keeps on its
    # event only (not among its facts), which the table written from the facts lost
    said = [ev.fact for ex in all_corpus.extractions for ev in ex.events if ev.fact is not None]
    assert {(f.source, f.indicator, f.period, str(f.figure[0])) for f in said} == keys(events)
    assert ("a09.txt", "eligibility_cutoff", "2022-12-31", "560") in keys(events)
    assert not [r for r in stats if r["period_kind"] == "event" or not r["value"]]
    assert {r["period_kind"] for r in events} == {"event"}
    assert len([r for r in stats if r["status"] == "derived"]) == len(all_corpus.derived)


def test_derived_rows_carry_their_formula_and_no_offsets(built):
    _, rows = table.read(built, table.STATISTICS)
    derived = [r for r in rows if r["status"] == "derived"]
    assert derived and all(r["note"] and not r["source"] for r in derived)
    assert all(r[c] == "" for r in derived for c in table.SPAN)
    reported = [r for r in rows if r["status"] == "reported"]
    assert all(r["figure_start"] and int(r["figure_end"]) > int(r["figure_start"]) for r in reported)


def test_each_row_names_its_publisher_date_and_address(built):
    _, rows = table.read(built, table.STATISTICS)
    first = next(r for r in rows if r["indicator"] == "participants")
    assert (first["publisher"], first["published"]) == ("Xinhua News Agency", "2023-01-22")
    assert first["url"].startswith("https://www.tellerreport.com/")
    _, events = table.read(built, table.EVENTS)
    decided = [r for r in events if r["decided_by"]]
    assert [r["decided_by"] for r in decided] == ["Central Committee of the Communist Party of China; State Council"]
    assert all(r["label"] and r["published"] == "2023-01-22" for r in events)


def test_numbers_have_one_plain_form(built):
    _, rows = table.read(built, table.STATISTICS)
    values = [r["value"] for r in rows]
    assert "1050000000" in values
    assert not [v for v in values if "E" in v or v.endswith(".0") or (v.count(".") and v.endswith("0"))]


def test_json_gives_numbers_as_numbers(built, capsys):
    assert main(["facts", "--build", str(built), "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    first = next(r for r in rows if r["indicator"] == "participants" and r["status"] == "reported")
    assert first["value"] == 1050000000 and isinstance(first["value"], int)
    assert isinstance(first["figure_start"], int) and first["figure_end"] - first["figure_start"] == 12
    derived = next(r for r in rows if r["indicator"] == "contributor_share")
    assert derived["value"] == 31.37 and derived["figure_start"] is None


def test_status_keeps_the_rows_of_its_statuses(built, capsys):
    assert main(["facts", "--build", str(built), "--status", "derived,curated"]) == 0
    rows = _csv(capsys.readouterr().out)
    assert rows and {r["status"] for r in rows} == {"derived", "curated"}


@pytest.mark.parametrize("args", [["--status", "bogus"], ["--status", "reported,Derived"], ["--status", ","]])
def test_a_bad_status_is_one_line_naming_the_valid_ones(built, args):
    r = subprocess.run(
        [sys.executable, "-m", "kg.cli", "facts", "--build", str(built), *args], capture_output=True, text=True
    )
    assert r.returncode == 2 and r.stdout == ""
    assert r.stderr.count("\n") == 1 and "reported, curated, derived" in r.stderr


def test_a_table_of_another_version_is_refused(built, tmp_path, capsys):
    old = tmp_path / "old"
    old.mkdir()
    text = (built / "facts.csv").read_text(encoding="utf-8")
    (old / "facts.csv").write_text(text.replace("source,publisher,published,url,", "source,"), encoding="utf-8")
    assert main(["facts", "--build", str(old)]) == 2
    assert "run `pension-kg build` again" in capsys.readouterr().err
    assert main(["facts", "--build", str(old), "--events"]) == 2
    assert "run `pension-kg build` first" in capsys.readouterr().err


def test_extract_keeps_the_scorers_columns_and_its_unclassified_figures(capsys):
    from conftest import SEED

    assert main(["extract", str(SEED), "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {"source", "indicator", "scheme", "area", "period", "period_kind", "value", "unit"} <= set(rows[0])
    assert [r["value"] for r in rows if r["status"] == "unclassified"] == [4]
    assert any(r["period_kind"] == "event" and r["value"] is None for r in rows)  # the scorer reads events here


def test_readme_lists_the_tables_columns():
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("The tidy table", 1)[1].split("\n## ", 1)[0]
    missing = [c for c in table.STATISTICS_COLUMNS + table.EVENT_COLUMNS if f"`{c}`" not in section]
    assert not missing
