"""Content negotiation for the SPARQL endpoint: which format a client gets, and its media type.

A query's form decides the family (SELECT/ASK answer in the SPARQL result formats, CONSTRUCT/DESCRIBE
in RDF syntaxes), so the choice is made only once the query is parsed, from the Accept header or a
`format=` parameter (what download links and some clients, SPARQLWrapper among them, send).
"""

from __future__ import annotations

RESULT_TYPES: dict[str, str] = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
GRAPH_TYPES: dict[str, str] = {
    "turtle": "text/turtle",
    "ntriples": "application/n-triples",
    "jsonld": "application/ld+json",
    "rdfxml": "application/rdf+xml",
}
_RESULT_ALIASES = {
    "application/json": "json",
    "text/javascript": "json",
    "application/javascript": "json",
    "application/xml": "xml",
    "text/xml": "xml",
    "application/csv": "csv",
    "text/tsv": "tsv",
}
_GRAPH_ALIASES = {
    "application/x-turtle": "turtle",
    "text/n3": "turtle",
    "text/plain": "ntriples",
    "application/json": "jsonld",
    "application/xml": "rdfxml",
    "text/xml": "rdfxml",
}
_SHORT_NAMES = {
    "json": ("json", "jsonld"),
    "xml": ("xml", "rdfxml"),
    "csv": ("csv", None),
    "tsv": ("tsv", None),
    "turtle": (None, "turtle"),
    "ttl": (None, "turtle"),
    "ntriples": (None, "ntriples"),
    "nt": (None, "ntriples"),
    "n-triples": (None, "ntriples"),
    "jsonld": (None, "jsonld"),
    "json-ld": (None, "jsonld"),
    "rdfxml": (None, "rdfxml"),
    "rdf": (None, "rdfxml"),
}
DEFAULT = {"result": "json", "graph": "turtle"}
_WILDCARDS = {
    "*/*": DEFAULT,
    "application/*": {"result": "json", "graph": "ntriples"},
    "text/*": {"result": "csv", "graph": "turtle"},
}


class NotAcceptable(ValueError):
    """The client accepts none of the formats this query form can be written in."""


def family(form: str) -> str:
    """'result' for SELECT and ASK, 'graph' for CONSTRUCT and DESCRIBE."""
    return "graph" if form in ("CONSTRUCT", "DESCRIBE") else "result"


def media_type(fmt: str) -> str:
    mime = RESULT_TYPES.get(fmt) or GRAPH_TYPES[fmt]
    return mime if mime.endswith("json") or mime.endswith("xml") else f"{mime}; charset=utf-8"


def accepted(header: str | None) -> list[str]:
    """The media types of an Accept header, best first (ties keep the client's order)."""
    ranked: list[tuple[float, int, str]] = []
    for i, part in enumerate((header or "*/*").split(",")):
        fields = [f.strip() for f in part.split(";")]
        mime = fields[0].lower()
        if not mime:
            continue
        q = 1.0
        for f in fields[1:]:
            if f.startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        if q > 0:
            ranked.append((-q, i, mime))
    return [m for _, _, m in sorted(ranked)]


def choose(form: str, accept: str | None, override: str | None = None) -> str:
    """The format to answer a query of this form in; NotAcceptable when nothing fits."""
    fam = family(form)
    if override:
        name = override.strip().lower()
        if name in _SHORT_NAMES:
            pick = _SHORT_NAMES[name][0 if fam == "result" else 1]
            if pick:
                return pick
            raise NotAcceptable(f"a {form} query cannot be written as {override}")
        accept = name  # a media type given as format=
    types = RESULT_TYPES if fam == "result" else GRAPH_TYPES
    aliases = _RESULT_ALIASES if fam == "result" else _GRAPH_ALIASES
    by_mime = {v: k for k, v in types.items()} | aliases
    for mime in accepted(accept):
        if mime in by_mime:
            return by_mime[mime]
        if mime in _WILDCARDS:
            return _WILDCARDS[mime][fam]
    offered = ", ".join(types.values())
    raise NotAcceptable(f"a {form} query is answered in {offered}; the request accepts none of them")
