"""The tidy table of every statistic, read back out of the built graph with SPARQL.

Reading the table from the graph (not from the extractor's memory) proves the graph holds every
figure with its document, sentence and status.
"""

from __future__ import annotations

import csv
import io
import json
from typing import TYPE_CHECKING

from kg.facts import COLUMNS, Fact

if TYPE_CHECKING:
    import pyoxigraph as ox
    from rdflib import Graph

    from kg.store.query import Result

TABLE_QUERY = """
SELECT ?source ?indicator ?scheme ?area ?period ?period_kind ?value ?unit ?status ?qualifier
       ?as_written ?speaker ?note ?quote ?sentence_start ?sentence_end ?figure_start ?figure_end
WHERE {
  {
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
    {
      ?target a pkg:Observation ; pkg:indicator/skos:notation ?indicator ;
         sdmx-dimension:refArea/skos:notation ?area ; sdmx-dimension:refPeriod/skos:notation ?period ;
         pkg:periodKind/skos:notation ?period_kind .
      ?m pkg:reportedValue ?value ; sdmx-attribute:unitMeasure/skos:notation ?unit .
      OPTIONAL { ?target pkg:scheme/skos:notation ?scheme_code }
    } UNION {
      ?target pkg:eventType/skos:notation ?indicator ; time:hasTime/skos:notation ?period ;
         dcterms:spatial/skos:notation ?area .
      OPTIONAL { ?target pkg:scheme/skos:notation ?scheme_code }
      BIND("event" AS ?period_kind)
    }
  } UNION {
    ?target a pkg:Observation ; pkg:status/skos:notation "derived" ; pkg:indicator/skos:notation ?indicator ;
       sdmx-dimension:refArea/skos:notation ?area ; sdmx-dimension:refPeriod/skos:notation ?period ;
       pkg:periodKind/skos:notation ?period_kind ; sdmx-measure:obsValue ?value ;
       sdmx-attribute:unitMeasure/skos:notation ?unit ; pkg:formula ?note .
    OPTIONAL { ?target pkg:scheme/skos:notation ?scheme_code }
    BIND("derived" AS ?status)
  }
  BIND(COALESCE(?scheme_code, "") AS ?scheme)
}
"""


def rows(graph: Graph | ox.Store | Result, statuses: set[str] | None = None) -> list[dict[str, str]]:
    """The table's rows from a graph, a store, or the evaluated answer of TABLE_QUERY."""
    from kg.store.query import Result, cell, run  # SPARQL is loaded only when the table is read from a graph

    out = []
    for r in graph if isinstance(graph, Result) else run(graph, TABLE_QUERY):
        row = {c: cell(r[c]) for c in COLUMNS}
        if row["value"]:
            row["value"] = _plain(row["value"])
        if statuses and row["status"] not in statuses:
            continue
        out.append(row)
    out.sort(key=_order)
    return _unique(out)


def _plain(text: str) -> str:
    from decimal import Decimal

    from kg.numbers import plain

    return plain(Decimal(text))


def _order(row: dict[str, str]) -> tuple:
    return (
        row["source"] == "",
        row["source"],
        int(row["figure_start"] or 0),
        row["indicator"],
        row["period"],
        row["scheme"],
        row["unit"],
    )


def _unique(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    seen, out = set(), []
    for r in rows:
        k = tuple(r[c] for c in COLUMNS)
        if k not in seen:
            seen.add(k)
            out.append(r)
    return out


def from_facts(facts: list[Fact]) -> list[dict[str, str]]:
    return [f.row() for f in facts]


UNCLASSIFIED_COLUMNS = ["document", "figure", "value", "unit", "reason", "figure_begin", "figure_end", "sentence"]


def unclassified(graph: Graph | ox.Store | Result) -> list[dict[str, str]]:
    """The figures no indicator claims, as the named query `unclassified_figures` lists them (from a
    graph, a store, or that query's evaluated answer)."""
    from kg.store.query import Result, cell, named, run

    out = []
    for r in graph if isinstance(graph, Result) else run(graph, named()["unclassified_figures"].text):
        row = {c: cell(r[c]) for c in UNCLASSIFIED_COLUMNS}
        row["value"] = _plain(row["value"]) if row["value"] else ""
        out.append(row)
    return out


def render(rows: list[dict[str, str]], fmt: str) -> str:
    return render_any(rows, fmt, COLUMNS)


def render_any(rows: list[dict[str, str]], fmt: str, columns: list[str]) -> str:
    """Rows as JSON, or as CSV with these columns."""
    if fmt == "json":
        return json.dumps(rows, indent=1, ensure_ascii=False) + "\n"
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    return buf.getvalue()
