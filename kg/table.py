"""The tidy tables of the built graph: one of statistics, one of dated events, written once.

`build` reads both out of the graph it has just built, with SPARQL (which proves the graph holds
every figure with its document, sentence and status), and writes them as build/facts.csv and
build/events.csv; `facts` prints those files. So the table a user reads on the terminal and the
file a spreadsheet opens are the same bytes, and a derived row has the same formula in both.

Every cell is text in one form: a number is a plain decimal (`2500000000`, never `2.5E+9` or
`2500000000.0`), a missing span is an empty cell (never a fake offset 0). JSON gives numbers as
numbers and a missing number as null.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from kg import inputs
from kg.errors import InputError
from kg.extract.facts import COLUMNS, FIELDS, LISTED, SPAN, Fact
from kg.extract.numbers import plain

if TYPE_CHECKING:
    import pyoxigraph as ox
    from rdflib import Graph

    from kg.store.query import Result

Row = dict[str, str]

# Where a row comes from: the article, who published it, when, where to read it.
DOCUMENT = ["source", "publisher", "published", "url"]
STATISTICS_COLUMNS = [*DOCUMENT, *FIELDS, *SPAN]
# An event's type is a code of the indicator list (event_start, eligibility_cutoff...), and its
# period_kind is "event": the column names the shared scorer reads events by.
EVENT_COLUMNS = [
    *DOCUMENT,
    "indicator",
    "label",
    "scheme",
    "area",
    "period",
    "period_kind",
    "status",
    "decided_by",
    "as_written",
    "speaker",
    "note",
    *SPAN,
]
UNCLASSIFIED_COLUMNS = ["document", "figure", "value", "unit", "reason", "figure_begin", "figure_end", "sentence"]

# Columns JSON writes as numbers (a decimal) or as integers (an offset); empty is null.
NUMBERS = frozenset({"value"})
INTEGERS = frozenset({"sentence_start", "sentence_end", "figure_start", "figure_end", "figure_begin"})


class TableError(InputError, ValueError):
    """No table where one was expected, or an option that names nothing in it."""


@dataclass(frozen=True)
class Table:
    """One of the build's tables: the file `build` writes it to and its columns, in order."""

    name: str
    file: str
    columns: list[str]


STATISTICS = Table("statistics", "facts.csv", STATISTICS_COLUMNS)
EVENTS = Table("events", "events.csv", EVENT_COLUMNS)
TABLES = (STATISTICS, EVENTS)

# What a mention says, wherever it is: its status, figure, sentence, document, qualifier, speaker, note.
# A query puts its own patterns before these: Oxigraph evaluates the OPTIONALs' groups in the order
# written, and joining the targets after them took 25 times as long (measured: 5.5 s against 0.22 s
# for 200 articles). The OPTIONALs read only ?m and ?doc of the rest, so the answer is the same.
_MENTION = """
    ?m pkg:supports ?target ; pkg:status/skos:notation ?status ;
       nif:anchorOf ?as_written ; nif:beginIndex ?figure_start ; nif:endIndex ?figure_end ;
       nif:sentence ?s ; dcterms:isPartOf ?doc .
    ?doc pkg:fileName ?source .
    ?s nif:anchorOf ?quote ; nif:beginIndex ?sentence_start ; nif:endIndex ?sentence_end .
    OPTIONAL { ?m pkg:qualifier ?qualifier }
    OPTIONAL { ?m rdfs:comment ?comment }
    OPTIONAL { ?m pkg:curatedBy/pkg:reason ?reason }
    BIND(COALESCE(?reason, ?comment, "") AS ?note)
    OPTIONAL { ?m prov:wasAttributedTo ?who . ?who a foaf:Person . ?who foaf:name ?speaker_name .
               FILTER NOT EXISTS { ?doc schema:author ?who } }
    BIND(COALESCE(?speaker_name, "") AS ?speaker)
"""

STATISTICS_QUERY = f"""
SELECT ?source ?indicator ?scheme ?area ?period ?period_kind ?value ?unit ?status ?qualifier
       ?as_written ?speaker ?note ?quote ?sentence_start ?sentence_end ?figure_start ?figure_end
WHERE {{
  {{
    ?target a pkg:Observation ; pkg:indicator/skos:notation ?indicator ;
       sdmx-dimension:refArea/skos:notation ?area ; sdmx-dimension:refPeriod/skos:notation ?period ;
       pkg:periodKind/skos:notation ?period_kind .
    ?m pkg:reportedValue ?value ; sdmx-attribute:unitMeasure/skos:notation ?unit .
    {_MENTION}
    # scheme:_Z, "not applicable", is an empty cell
    OPTIONAL {{ ?target pkg:scheme/skos:notation ?scheme_code FILTER(?scheme_code != "_Z") }}
  }} UNION {{
    ?target a pkg:Observation ; pkg:status/skos:notation "derived" ; pkg:indicator/skos:notation ?indicator ;
       sdmx-dimension:refArea/skos:notation ?area ; sdmx-dimension:refPeriod/skos:notation ?period ;
       pkg:periodKind/skos:notation ?period_kind ; sdmx-measure:obsValue ?value ;
       sdmx-attribute:unitMeasure/skos:notation ?unit ; pkg:formula ?note .
    OPTIONAL {{ ?target pkg:scheme/skos:notation ?scheme_code FILTER(?scheme_code != "_Z") }}
    BIND("derived" AS ?status)
  }}
  BIND(COALESCE(?scheme_code, "") AS ?scheme)
}}
"""

EVENTS_QUERY = f"""
SELECT ?target ?source ?indicator ?label ?scheme ?area ?period ?period_kind ?status ?as_written ?speaker ?note
       ?quote ?sentence_start ?sentence_end ?figure_start ?figure_end
WHERE {{
  ?target pkg:eventType/skos:notation ?indicator ; time:hasTime/skos:notation ?period ;
     dcterms:spatial/skos:notation ?area .
  {_MENTION}
  OPTIONAL {{ ?target rdfs:label ?label_en FILTER(LANGMATCHES(LANG(?label_en), "en")) }}
  OPTIONAL {{ ?target pkg:scheme/skos:notation ?scheme_code }}
  BIND(COALESCE(?scheme_code, "") AS ?scheme)
  BIND(COALESCE(?label_en, "") AS ?label)
  BIND("event" AS ?period_kind)
}}
"""

DECIDED_BY_QUERY = """
SELECT ?target ?name WHERE {
  ?target pkg:eventType ?type ; pkg:decidedBy ?org .
  OPTIONAL { ?org skos:prefLabel ?label FILTER(LANGMATCHES(LANG(?label), "en")) }
  BIND(COALESCE(?label, STR(?org)) AS ?name)
}
"""

DOCUMENTS_QUERY = """
SELECT ?source ?published ?publisher ?url WHERE {
  ?doc a pkg:Article ; pkg:fileName ?source ; dcterms:issued ?published .
  OPTIONAL { ?doc dcterms:publisher ?org .
             OPTIONAL { ?org skos:prefLabel ?label FILTER(LANGMATCHES(LANG(?label), "en")) } }
  OPTIONAL { ?doc dcterms:source ?address }
  BIND(COALESCE(?label, "") AS ?publisher)
  BIND(COALESCE(STR(?address), "") AS ?url)
}
"""


def statistics(graph: Graph | ox.Store) -> list[Row]:
    """Every statistic of the graph: one row per mention of an observation, one per derived figure."""
    return _finish(_with_documents(graph, _select(graph, STATISTICS_QUERY)), STATISTICS_COLUMNS)


def events(graph: Graph | ox.Store) -> list[Row]:
    """Every dated event of the graph, one row per mention, with who decided it."""
    found = _select(graph, EVENTS_QUERY)
    deciders: dict[str, set[str]] = {}
    for r in _select(graph, DECIDED_BY_QUERY):
        deciders.setdefault(r["target"], set()).add(r["name"])
    for r in found:
        r["decided_by"] = "; ".join(sorted(deciders.get(r.pop("target"), ())))
    return _finish(_with_documents(graph, found), EVENT_COLUMNS)


def unclassified(source: Graph | ox.Store | Result) -> list[Row]:
    """The figures no indicator claims, as the named query `unclassified_figures` lists them (from a
    graph, a store, or that query's answer already evaluated within bounds)."""
    from kg.store.query import Result, named

    if isinstance(source, Result):
        return _rows(source)
    return _select(source, named()["unclassified_figures"].text)


def from_facts(facts: list[Fact]) -> list[Row]:
    """The extractor's facts as rows of its own table (kg.facts.COLUMNS), for `extract` and the scorer."""
    return [f.row() for f in facts]


def _select(graph: Graph | ox.Store, text: str) -> list[Row]:
    """The answer as rows of text: unbound is empty, and a number has its plain form."""
    from kg.store.query import run  # SPARQL is loaded only when a table is read from a graph

    return _rows(run(graph, text))


def _rows(result: Result) -> list[Row]:
    from kg.store.query import cell

    names = [str(v) for v in result.vars or []]
    out = []
    for r in result:
        row = {n: cell(r[n]) for n in names}
        if row.get("value"):
            row["value"] = plain(Decimal(row["value"]))
        out.append(row)
    return out


def _with_documents(graph: Graph | ox.Store, rows: list[Row]) -> list[Row]:
    """Each row with its article's publisher, publication date and address (empty for derived rows)."""
    docs = {r["source"]: r for r in _select(graph, DOCUMENTS_QUERY)}
    for row in rows:
        doc = docs.get(row["source"], {})
        for c in ("publisher", "published", "url"):
            row[c] = doc.get(c, "")
    return rows


def _finish(rows: list[Row], columns: list[str]) -> list[Row]:
    """The rows in the table's column order, sorted by document and position, each row once."""
    shaped = sorted(({c: r.get(c, "") for c in columns} for r in rows), key=lambda r: _order(r, columns))
    seen: set[tuple[str, ...]] = set()
    out = []
    for r in shaped:
        k = tuple(r.values())
        if k not in seen:
            seen.add(k)
            out.append(r)
    return out


def _order(row: Row, columns: list[str]) -> tuple:
    """Articles in name order, figures in text order, derived rows (no article) last; ties by every cell."""
    return (
        row["source"] == "",
        row["source"],
        int(row["figure_start"] or 0),
        row["indicator"],
        row["period"],
        row["scheme"],
        tuple(row[c] for c in columns),
    )


def statuses(text: str | None) -> set[str] | None:
    """The statuses of a `--status a,b` option; a name that is no status is refused with the valid ones."""
    if text is None:
        return None
    wanted = {s.strip() for s in text.split(",") if s.strip()}
    wrong = sorted(wanted - set(LISTED))
    if wrong or not wanted:
        named = ", ".join(repr(s) for s in wrong) or "nothing"
        raise TableError(f"--status: {named} is not a status; give one or more of {', '.join(LISTED)}")
    return wanted


def keep(rows: Iterable[Row], wanted: set[str] | None) -> list[Row]:
    return [r for r in rows if wanted is None or r["status"] in wanted]


def read(build: Path, table: Table) -> tuple[str, list[Row]]:
    """The table as `build` wrote it: its text, and its rows. A build of another version (other
    columns) is refused rather than printed under the wrong names."""
    path = build / table.file
    if not path.exists():
        raise TableError(f"{path}: no table; run `pension-kg build` first")
    text = inputs.read_text(path, inputs.MAX_RDF_BYTES, "a table")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    if reader.fieldnames != table.columns:
        raise TableError(f"{path}: not the {table.name} table of this version; run `pension-kg build` again")
    return text, list(reader)


def render(rows: list[Row], fmt: str, columns: list[str] = COLUMNS) -> str:
    """Rows as CSV with these columns, or as JSON with numbers as numbers."""
    if fmt == "json":
        return json.dumps([_typed(r) for r in rows], indent=1, ensure_ascii=False) + "\n"
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    return buf.getvalue()


def _typed(row: Row) -> dict[str, object]:
    out: dict[str, object] = dict(row)
    for c in NUMBERS & row.keys():
        out[c] = _number(row[c]) if row[c] else None
    for c in INTEGERS & row.keys():
        out[c] = int(row[c]) if row[c] else None
    return out


def _number(text: str) -> int | float:
    """A plain decimal as JSON's number: whole values exactly, others as the nearest double
    (which prints back as the same digits for the table's figures, all well under 15 digits)."""
    d = Decimal(text)
    return int(d) if d == d.to_integral_value() else float(d)
