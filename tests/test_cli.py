"""The command line, as a user runs it."""

from __future__ import annotations

import csv
import json
import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SEED

from kg import rdf
from kg.cli import main


def test_build_writes_graph_report_and_table(built):
    for name in ("pension-kg.trig", "pension-kg.ttl", "validation.txt", "facts.csv", "events.csv", "summary.json"):
        assert (built / name).stat().st_size > 0
    summary = json.loads((built / "summary.json").read_text())
    assert summary["documents"] == 1 and summary["conforms"] and summary["facts"] >= 20


def test_validate_says_it_conforms(built, capsys):
    assert main(["validate", "--out", str(built)]) == 0
    assert capsys.readouterr().out.startswith("Conforms")


def test_facts_lists_every_statistic_of_the_built_graph(built, capsys):
    assert main(["facts", "--out", str(built), "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {
        "source",
        "indicator",
        "scheme",
        "area",
        "period",
        "period_kind",
        "value",
        "unit",
        "status",
        "quote",
    } <= set(rows[0])
    reported = [r for r in rows if r["status"] in ("reported", "curated")]
    assert len(reported) == 19  # and three dated events, in their own table
    assert {r["status"] for r in rows} == {"reported", "curated", "derived"}


def test_facts_unclassified_lists_the_figures_no_indicator_claims(built, capsys):
    assert main(["facts", "--out", str(built), "--unclassified"]) == 0
    rows = list(csv.DictReader(capsys.readouterr().out.splitlines()))
    assert [(r["figure"], r["value"], r["unit"]) for r in rows] == [("four", "4", "count")]
    assert rows[0]["reason"] and "four aspects" in rows[0]["sentence"]


def test_extract_csv_without_building(capsys):
    assert main(["extract", str(SEED)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("source,indicator,scheme,area,period,period_kind,value,unit,status")
    rows = list(csv.DictReader(lines))
    assert sum(1 for r in rows if r["status"] in ("reported", "curated")) == 22
    # a figure no indicator claims is listed with an empty indicator, not coded by guess
    unclassified = [r for r in rows if r["status"] == "unclassified"]
    assert [(r["indicator"], r["as_written"], r["unit"]) for r in unclassified] == [("", "four", "count")]
    assert main(["extract", str(SEED), "--statistics-only"]) == 0
    assert "unclassified" not in capsys.readouterr().out


def test_query_by_name_in_each_format(built, capsys):
    for fmt in ("table", "csv", "tsv", "json", "xml"):
        assert main(["query", "participants_2022", "--out", str(built), "--format", fmt]) == 0
        assert "1050000000" in capsys.readouterr().out


def test_construct_answers_in_turtle(built, capsys):
    q = "CONSTRUCT { ?o a pkg:Observation } WHERE { ?o a pkg:Observation }"
    assert main(["query", "-e", q, "--out", str(built), "--format", "turtle"]) == 0
    assert "pkg:Observation" in capsys.readouterr().out


def test_bad_query_is_one_line_with_position(built, capsys):
    assert main(["query", "-e", "SELECT ?x WHERE { ?x ", "--out", str(built)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("pension-kg: SPARQL syntax error") and "\n" not in err


def test_missing_graph_is_reported(tmp_path, capsys):
    assert main(["facts", "--out", str(tmp_path)]) == 2
    assert "run `pension-kg build` first" in capsys.readouterr().err


def test_export_formats_parse_back(built, tmp_path):
    from rdflib import Dataset, Graph

    sizes = {}
    for fmt, parser in (("turtle", "turtle"), ("ntriples", "nt"), ("jsonld", "json-ld"), ("rdfxml", "xml")):
        out = tmp_path / f"g.{fmt}"
        assert main(["export", "--format", fmt, "--out", str(built), "-o", str(out)]) == 0
        sizes[fmt] = len(Graph().parse(out, format=parser))
    assert len(set(sizes.values())) == 1, sizes
    trig = tmp_path / "g.trig"
    assert main(["export", "--format", "trig", "--out", str(built), "-o", str(trig)]) == 0
    ds = Dataset()
    ds.parse(trig, format="trig")
    names = {str(c.identifier) for c in rdf.graphs(ds)}
    assert any(n.endswith("/graph/000_669ad541b4cb8db6") for n in names)
    assert any(n.endswith("/graph/ontology") for n in names)


def test_bad_article_is_one_line_no_traceback(tmp_path):
    bad = tmp_path / "bin.txt"
    bad.write_bytes(b"\x00\x01binary")
    r = subprocess.run([sys.executable, "-m", "kg.cli", "extract", str(bad)], capture_output=True, text=True)
    assert r.returncode == 2
    assert "bin.txt: binary file" in r.stderr and "Traceback" not in r.stderr


def test_every_command_has_help():
    for cmd in ("build", "extract", "facts", "validate", "query", "export", "add"):
        r = subprocess.run([sys.executable, "-m", "kg.cli", cmd, "--help"], capture_output=True, text=True)
        assert r.returncode == 0 and "usage: pension-kg " + cmd in r.stdout


def test_pyshacl_on_the_exported_turtle_agrees(built):
    import shutil

    from kg.paths import shapes_file

    exe = shutil.which("pyshacl", path=str(Path(sys.executable).parent))
    assert exe, "pyshacl's command-line tool is installed with the package"
    r = subprocess.run(
        [exe, "-s", str(shapes_file()), "-i", "none", "-w", str(built / "pension-kg.ttl")],
        capture_output=True,
        text=True,
    )
    assert r.returncode == 0 and "Conforms: True" in r.stdout, r.stdout[-2000:]


@pytest.mark.parametrize(
    "args",
    [["facts"], ["query", "--list"], ["export", "--format", "ntriples"], ["query", "participants_2022"]],
)
def test_output_cut_short_by_its_reader_ends_quietly(built, args):
    """`pension-kg facts | head -1`: once the reader has gone, no "Broken pipe" line or traceback.

    The reader here closes before the command writes a byte, so every write fails, whatever the
    size of the output and however the buffers flush; then the same through a real `head -1`."""
    cmd = [sys.executable, "-m", "kg.cli", *args]
    if args[0] != "query" or args[1] != "--list":
        cmd += ["--build", str(built)]
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        done = subprocess.run(cmd, stdout=write_end, stderr=subprocess.PIPE, timeout=120)
    finally:
        os.close(write_end)
    assert done.stderr.decode() == "" and done.returncode == 0
    line = subprocess.run(
        f"{shlex.join(cmd)} | head -1", shell=True, capture_output=True, text=True, timeout=120, check=True
    )
    assert line.stdout.strip() and line.stderr == ""


def test_extract_lists_ambiguous_figures_as_unclaimed_unless_all(tmp_path, capsys):
    """Without its curation file the seed's 'respectively' figures are ambiguous: listed for their
    value with no indicator (what the scorer reads as unclaimed), and with their guess under --all."""
    import shutil

    for suffix in (".txt", ".meta.toml"):
        shutil.copyfile(SEED.with_suffix(suffix), tmp_path / (SEED.stem + suffix))
    assert main(["extract", str(tmp_path / SEED.name)]) == 0
    rows = [r for r in csv.DictReader(capsys.readouterr().out.splitlines()) if r["status"] == "ambiguous"]
    assert rows and all(r["indicator"] == "" and r["scheme"] == "" and "it would be" in r["note"] for r in rows)
    assert main(["extract", str(tmp_path / SEED.name), "--all"]) == 0
    rows = [r for r in csv.DictReader(capsys.readouterr().out.splitlines()) if r["status"] == "ambiguous"]
    assert rows and all(r["indicator"] for r in rows)


def test_the_cli_lists_the_statuses_the_extractor_lists_and_a_query_does_not_import_it(built):
    """`facts --status` names the extractor's statuses; `query` starts without importing the extractor."""
    from kg import cli
    from kg.extract.facts import LISTED

    assert cli.LISTED == LISTED
    code = (
        "import sys; from kg.cli import main; main(['query', 'documents', '--build', sys.argv[1], '--format', 'csv']);"
        "print(sorted(m for m in sys.modules if m.startswith('kg.extract')))"
    )
    done = subprocess.run([sys.executable, "-c", code, str(built)], capture_output=True, text=True, check=True)
    assert done.stdout.splitlines()[-1] == "[]"


def test_serve_takes_the_endpoint_limits_from_its_options(monkeypatch, built):
    from kg.serve import app

    seen = []
    monkeypatch.setattr(app, "run", lambda cfg: seen.append(cfg) or 0)
    args = ["serve", "--build", str(built), "--header-timeout", "2.5", "--body-timeout", "4"]
    args += ["--max-pending", "64", "--max-requests", "32", "--client-workers", "1", "--client-queue", "3"]
    assert main([*args, "--trusted-proxies", "10.0.0.1"]) == 0
    cfg = seen[0]
    assert (cfg.header_timeout, cfg.body_timeout, cfg.max_pending, cfg.max_requests) == (2.5, 4.0, 64, 32)
    assert (cfg.client_workers, cfg.client_queue, cfg.trusted_proxies) == (1, 3, "10.0.0.1")


@pytest.mark.parametrize("bad", [["--client-workers", "9"], ["--header-timeout", "0"], ["--client-queue", "0"]])
def test_serve_refuses_limits_that_cannot_hold(bad, capsys):
    assert main(["serve", *bad]) != 0
    err = capsys.readouterr().err.strip()
    assert err.startswith("pension-kg:") and "\n" not in err and bad[0] in err
