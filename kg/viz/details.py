"""What clicking a node shows: its properties with readable values and, for a fact, its sources.

For a figure or an event the reader wants the sentence it came from with the figure's characters
marked, its article and date, and its status (reported, derived, ambiguous, curated): the NIF spans
in the graph hold all of it, and this module gathers it per node.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS
from rdflib.term import Node

from kg.entity_graph import REVIEW_FIGURES, labels, local_name, predicate_labels
from kg.namespaces import NIF, PKG

if TYPE_CHECKING:  # the model calls this module while it builds the view
    from kg.viz.model import View

_SKIP_PROPS = {
    RDF.type, SKOS.altLabel, SKOS.hiddenLabel, PKG.cue, PKG.coordinationLabel, SKOS.inScheme, SKOS.topConceptOf,
    NIF.isString, PKG.text, SKOS.prefLabel, RDFS.label,
}  # fmt: skip
_HIDDEN_PRED_NS = (str(NIF),)


def details(g: Graph, view: View) -> None:
    """Fill ``view.details``: one entry per node, in node order, as the side panel reads them."""
    idx = view.index()
    sentences = _sentence_index(g)
    docs = {n["id"]: i for i, n in enumerate(view.nodes) if n["cls"] == "Article"}
    label_cache: dict[URIRef, tuple[str, str]] = {}

    def label_of(o: URIRef) -> tuple[str, str]:
        if o not in label_cache:
            label_cache[o] = labels(g, o)
        return label_cache[o]

    pred_cache: dict[URIRef, tuple[str, str]] = {}
    for n in view.nodes:
        if n["cls"] == "Series":
            view.details.append({"iri": "", "props": [], "facts": [], "status": ""})
            continue
        node = URIRef(n["id"])
        props = []
        for p, o in sorted(g.predicate_objects(node)):
            if not isinstance(p, URIRef) or p in _SKIP_PROPS or str(p).startswith(_HIDDEN_PRED_NS):
                continue
            if p not in pred_cache:
                pred_cache[p] = predicate_labels(g, p)
            pen, pzh = pred_cache[p]
            if isinstance(o, Literal):
                text = str(o)
                if len(text) > 400:
                    text = text[:399] + "…"
                if o.language == "zh":
                    props.append([pen, pzh, "", text, -1])
                else:
                    props.append([pen, pzh, text, text if o.language != "en" else "", -1])
            elif isinstance(o, URIRef):
                if str(o) in idx:
                    target = view.nodes[idx[str(o)]]
                    props.append([pen, pzh, target["en"], target["zh"], idx[str(o)]])
                elif (o, RDF.type, NIF.OffsetBasedString) in g:
                    continue  # provenance spans: shown as sentences below
                else:
                    en, zh = label_of(o)
                    props.append([pen, pzh, en, zh, -1])
        status = local_name(str(g.value(node, PKG.status) or ""))
        facts = [_fact(g, m, sentences, docs, label_of) for m in _mentions_of(g, node, n["cls"])]
        facts = [f for f in facts if f]
        view.details.append({"iri": n["id"], "props": _merge_langs(props), "facts": facts, "status": status})


def _merge_langs(props: list[list]) -> list[list]:
    """Fold "label"@en and "label"@zh rows into one row with both languages."""
    out: list[list] = []
    by_pred: dict[str, list] = {}
    for row in props:
        pen, pzh, en, zh, link = row
        prev = by_pred.get(pen)
        if link < 0 and prev is not None and prev[4] < 0 and ((not prev[2] and en) or (not prev[3] and zh)):
            prev[2] = prev[2] or en
            prev[3] = prev[3] or zh
            continue
        row = [pen, pzh, en or zh, zh or en, link]
        out.append(row)
        if link < 0 and (not en or not zh):
            by_pred[pen] = row
    return out


def _mentions_of(g: Graph, node: URIRef, cls: str) -> list[URIRef]:
    """The spans of text a fact came from: figure mentions supporting it, or the phrase of an event."""
    if cls in REVIEW_FIGURES:
        return [node]
    found = {s for s in g.subjects(PKG.supports, node) if isinstance(s, URIRef)}
    if cls in ("Reform", "PolicyMeasure", "PolicyEvent"):
        found |= {s for s in g.objects(node, _DERIVED) if isinstance(s, URIRef)}
    return sorted(found, key=str)


_DERIVED = URIRef("http://www.w3.org/ns/prov#wasDerivedFrom")


def _sentence_index(g: Graph) -> dict[str, list[tuple[int, int, str]]]:
    """Sentences per article context, so a span can be shown inside the sentence that holds it."""
    out: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for s in g.subjects(RDF.type, NIF.Sentence):
        ctx = g.value(s, NIF.referenceContext)
        b, e, text = g.value(s, NIF.beginIndex), g.value(s, NIF.endIndex), g.value(s, NIF.anchorOf)
        if ctx is not None and b is not None and e is not None and text is not None:
            out[str(ctx)].append((_int(b), _int(e), str(text)))
    for v in out.values():
        v.sort()
    return out


def _int(value: Node | None) -> int:
    """A NIF offset: an integer literal."""
    if not isinstance(value, Literal):
        raise TypeError(f"a NIF offset is an integer literal, not {value!r}")
    return int(value)


def _fact(g: Graph, span: URIRef, sentences, docs: dict[str, int], label_of) -> dict | None:
    begin, end = g.value(span, NIF.beginIndex), g.value(span, NIF.endIndex)
    written = g.value(span, NIF.anchorOf)
    if begin is None or end is None or written is None:
        return None
    b, e = _int(begin), _int(end)
    sentence = g.value(span, NIF.sentence)
    if sentence is not None and g.value(sentence, NIF.anchorOf) is not None:
        sb = _int(g.value(sentence, NIF.beginIndex))
        text = str(g.value(sentence, NIF.anchorOf))
    else:
        ctx = str(g.value(span, NIF.referenceContext) or "")
        holder = next(((sb_, se_, t) for sb_, se_, t in sentences.get(ctx, []) if sb_ <= b and e <= se_), None)
        sb, text = (holder[0], holder[2]) if holder else (b, str(written))
    doc = g.value(span, DCTERMS.isPartOf)
    status = local_name(str(g.value(span, PKG.status) or ""))
    curation = [str(g.value(c, PKG.reason) or "") for c in g.objects(span, PKG.curatedBy)]
    note = str(g.value(span, PKG.reason) or g.value(span, RDFS.comment) or "")
    title = ""
    date = ""
    if doc is not None:
        title = label_of(doc)[0]
        date = str(g.value(doc, DCTERMS.issued) or "")
    return {
        "sentence": text,
        "hl": [b - sb, e - sb],
        "written": str(written),
        "doc": docs.get(str(doc), -1) if doc is not None else -1,
        "docTitle": title,
        "docIri": str(doc or ""),
        "date": date,
        "status": status,
        "note": note,
        "curation": [c for c in curation if c],
        "begin": b,
        "end": e,
    }
