"""The build's Oxigraph store and the bounds every command-line query runs under."""

from __future__ import annotations

import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox

from kg import store

ROOT = Path(__file__).resolve().parent.parent
ENDLESS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def cli(*args: str | Path, python_flags: tuple[str, ...] = ()) -> subprocess.CompletedProcess:
    cmd = [sys.executable, *python_flags, "-m", "kg.cli", *map(str, args)]
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_the_store_holds_each_named_graph_and_their_union_once(built):
    db = store.open_store(built)
    ds = store.load_dataset(built, exact=True)
    union = store.load_graph(built, exact=True)
    (row,) = db.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert int(row["n"].value) == len(union)
    named = {g.value for g in db.named_graphs()}
    assert named == {str(g.identifier) for g in ds.graphs() if len(g) and not str(g.identifier).startswith("urn:")}


def test_exact_quads_keep_the_datatypes_the_store_normalises(built):
    nni = "http://www.w3.org/2001/XMLSchema#nonNegativeInteger"
    assert any(isinstance(q.object, ox.Literal) and q.object.datatype.value == nni for q in store.quads(built, True))
    assert not any(isinstance(q.object, ox.Literal) and q.object.datatype.value == nni for q in store.quads(built))


def test_export_of_turtle_and_trig_is_the_builds_own_file(built):
    for fmt, name in (("turtle", store.TURTLE), ("trig", store.TRIG)):
        r = cli("export", "--format", fmt, "--build", built)
        assert r.returncode == 0 and r.stdout == (built / name).read_text(encoding="utf-8")


def test_a_runaway_query_is_stopped_at_its_timeout_in_one_line(built):
    start = time.monotonic()
    r = cli("query", "-e", ENDLESS, "--build", built, "--timeout", "1")
    assert time.monotonic() - start < 10
    assert r.returncode == 2 and r.stdout == ""
    assert r.stderr.count("\n") == 1 and "time limit of 1 s (--timeout)" in r.stderr, r.stderr


def test_the_row_cap_stops_query_and_facts_in_one_line(built):
    r = cli("query", "-e", "SELECT * WHERE { ?s ?p ?o }", "--build", built, "--max-rows", "5")
    assert r.returncode == 2 and r.stderr.count("\n") == 1 and "more than 5 rows" in r.stderr, r.stderr
    # `facts` prints the table build wrote; its one query, the unclassified figures, runs bounded
    r = cli("facts", "--build", built, "--unclassified", "--timeout", "0")
    assert r.returncode == 2 and "must be positive" in r.stderr and r.stdout == "", r.stderr
    r = cli("facts", "--build", built, "--unclassified", "--max-rows", "1")
    assert r.returncode == 0 and r.stdout.count("\n") == 2, r.stdout  # the header and the seed's one figure
    r = cli("query", "-e", "SELECT * WHERE { ?s ?p ?o } LIMIT 5", "--build", built, "--max-rows", "5")
    assert r.returncode == 0 and "(5 rows)" in r.stdout


def test_the_command_line_never_fetches(built):
    r = cli("query", "-e", "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }", "--build", built)
    assert r.returncode == 2 and "SERVICE" in r.stderr and "never makes outbound requests" in r.stderr


def test_the_command_line_lets_from_name_only_the_stores_graphs(built):
    doc = sorted(g.value for g in store.open_store(built).named_graphs())[0]
    r = cli("query", "-e", f"ASK FROM <{doc}> WHERE {{ ?s ?p ?o }}", "--build", built, "--format", "csv")
    assert r.returncode == 0 and r.stdout.strip() == "true", r.stderr
    r = cli("query", "-e", "ASK FROM <http://example.org/none> WHERE { ?s ?p ?o }", "--build", built)
    assert r.returncode == 2 and r.stderr.count("\n") == 1 and "names no graph of this store" in r.stderr
    # the worker forked before the name was read is let go, and the name is what the line is about
    r = cli("query", "no_such_question", "--build", built)
    assert (
        r.returncode == 2
        and r.stderr == "pension-kg: no named query 'no_such_question'; try `pension-kg query --list`\n"
    )


def test_a_query_imports_neither_rdflib_nor_the_web_framework(built):
    r = cli("query", "participants_2022", "--build", built, python_flags=("-X", "importtime"))
    assert r.returncode == 0 and "1050000000" in r.stdout
    imported = {line.split("|")[-1].strip() for line in r.stderr.splitlines() if line.startswith("import time:")}
    for heavy in ("rdflib", "pyshacl", "pydantic", "starlette", "asyncio", "networkx", "kg.extract"):
        assert heavy not in imported, heavy


def test_decimals_stay_plain_in_the_table_and_the_csv(built):
    r = cli("facts", "--build", built)
    assert r.returncode == 0 and ",1050000000," in r.stdout and "1050000000.0" not in r.stdout
    r = cli("query", "participants_2022", "--build", built)
    assert "1050000000 " in r.stdout and "1050000000.0" not in r.stdout


def test_the_query_tables_decimals_are_written_as_the_extractors():
    from kg.extract.numbers import plain
    from kg.store.query import plain_decimal

    for lexical in ("3.10", "250", "0.0500", "-12.000", "100000000.25", "0", "0.0"):
        assert plain_decimal(lexical) == plain(Decimal(lexical)), lexical


def test_a_query_that_would_eat_the_memory_is_stopped_in_one_line(built):
    sort_everything = (
        "SELECT (COUNT(*) AS ?n) WHERE { { SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?a ?d ?c ?f } }"
    )
    r = cli("query", "-e", sort_everything, "--build", built, "--timeout", "60", "--max-memory", "256")
    assert r.returncode == 2 and r.stdout == ""
    assert r.stderr.count("\n") == 1 and "--max-memory" in r.stderr, r.stderr
