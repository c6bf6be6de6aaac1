"""Facts → RDF: one named graph per article, observations shared across articles.

Every statement points at the characters it came from (NIF offsets into the article's text) and
at who said it (PROV-O). Observations are keyed by indicator × scheme × area × period, so the
same figure reported by several articles is one point of a series with all its sources; two
articles that disagree leave two values on the point and flag it (pkg:hasConflict).
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, TIME, XSD
from rdflib.paths import Path

from kg import iris
from kg.extract import Extraction
from kg.extract.facts import UNPLACED, Fact
from kg.extract.lexicon import Lexicon
from kg.extract.numbers import plain
from kg.namespaces import FOAF, NIF, ORG, PKG, QB, SCHEMA, SDMX_ATTR, SDMX_CODE, SDMX_DIM, SDMX_MEAS, bind_all

_STATUS_RANK = {"reported": 0, "curated": 1, "ambiguous": 2, "derived": 3}


def _dec(value) -> Literal:
    return Literal(plain(value), datatype=XSD.decimal)


def _int(n: int) -> Literal:
    return Literal(n, datatype=XSD.nonNegativeInteger)


def add_period(g: Graph, notation: str) -> URIRef:
    """An OWL-Time period of the precision the text gives. A day is a time:Instant (with its
    time:inXSDDate); every other period is a time:ProperInterval from one day to another (a year or
    a month a time:DateTimeInterval whose time:DateTimeDescription says which). The Instant-only
    properties (time:inXSDDate, ...) thus sit on instants only, and every period, whatever its
    shape, has one pkg:endDate: the one way to ask when a period ends."""
    node = iris.period(notation)
    g.add((node, SKOS.notation, Literal(notation)))
    g.add((node, RDFS.label, Literal(notation)))
    if len(notation) == 10:
        g.add((node, RDF.type, TIME.Instant))
        g.add((node, TIME.inXSDDate, Literal(notation, datatype=XSD.date)))
        g.add((node, PKG.endDate, Literal(notation, datatype=XSD.date)))
        return node
    g.add((node, RDF.type, TIME.ProperInterval))
    if "/" in notation:  # from one day to another, or from one month to another (a monthly rate's change)
        first, last = notation.split("/")
        first = first if len(first) == 10 else f"{first}-01"
        last = last if len(last) == 10 else period_end(last).isoformat()
    else:
        first, last = _calendar(g, node, notation)
    g.add((node, TIME.hasBeginning, add_period(g, first)))
    g.add((node, TIME.hasEnd, add_period(g, last)))
    g.add((node, PKG.endDate, Literal(last, datatype=XSD.date)))
    return node


def period_end(notation: str) -> dt.date:
    """The last day of a period's notation: a day, a month, a year, or the end of an interval."""
    last = notation.split("/")[-1]
    if len(last) == 10:
        return dt.date.fromisoformat(last)
    year = int(last[:4])
    if len(last) == 7:
        month = int(last[5:7])
        return dt.date(year, month, calendar.monthrange(year, month)[1])
    return dt.date(year, 12, 31)


def _calendar(g: Graph, node: URIRef, notation: str) -> tuple[str, str]:
    """Describe a calendar year ("2022") or month ("2022-05") as OWL-Time does: a DateTimeInterval
    with a DateTimeDescription. Returns its first and last day."""
    year = int(notation[:4])
    month = int(notation[5:7]) if len(notation) == 7 else 0
    desc = iris.period_description(notation)
    g.add((node, RDF.type, TIME.DateTimeInterval))
    g.add((node, TIME.hasDateTimeDescription, desc))
    g.add((desc, RDF.type, TIME.DateTimeDescription))
    g.add((desc, TIME.year, Literal(f"{year:04d}", datatype=XSD.gYear)))
    if month:
        g.add((desc, TIME.unitType, TIME.unitMonth))
        g.add((desc, TIME.month, Literal(f"--{month:02d}", datatype=XSD.gMonth)))
        last = calendar.monthrange(year, month)[1]
        return f"{year:04d}-{month:02d}-01", f"{year:04d}-{month:02d}-{last:02d}"
    g.add((desc, TIME.unitType, TIME.unitYear))
    return f"{year:04d}-01-01", f"{year:04d}-12-31"


def language(tag: str) -> URIRef:
    """The language of a BCP 47 tag as DCMI recommends it for dcterms:language: a
    dcterms:LinguisticSystem of a controlled list (the Library of Congress' ISO 639-1 codes), not a
    bare literal; the tag itself stays its skos:notation."""
    return URIRef(f"http://id.loc.gov/vocabulary/iso639-1/{tag.split('-')[0].lower()}")


def _publisher(ex: Extraction, lex: Lexicon) -> URIRef | None:
    name = (
        ex.article.publisher
        or (ex.dateline.agency if ex.dateline else "")
        or (ex.dateline.parts[0] if ex.dateline and ex.dateline.parts else "")
    )
    if not name:
        return None
    hits = lex.orgs.find(name)
    return URIRef(hits[0].keys[0]) if hits else iris.org(name)


def document_graph(g: Graph, ex: Extraction, lex: Lexicon) -> dict[int, URIRef]:
    """The article, its text, sentences, people and quotes. Returns the sentence IRIs by start."""
    art = ex.article
    stem = art.stem
    d = iris.doc(stem)
    g.add((d, RDF.type, PKG.Article))
    g.add((d, RDF.type, SCHEMA.NewsArticle))
    g.add((d, PKG.fileName, Literal(art.name)))
    g.add((d, DCTERMS.issued, Literal(ex.published.isoformat(), datatype=XSD.date)))
    g.add((d, PKG.publishedInferred, Literal(ex.published_inferred)))
    lang = language(art.language)
    g.add((d, DCTERMS.language, lang))
    g.add((lang, RDF.type, DCTERMS.LinguisticSystem))
    g.add((lang, SKOS.notation, Literal(art.language)))
    title = art.title or next((s.text for s in ex.sentences if s.headline), "") or art.name
    g.add((d, DCTERMS.title, Literal(title, lang=art.language)))
    if art.url:
        g.add((d, DCTERMS.source, URIRef(art.url)))
    if art.note:
        g.add((d, RDFS.comment, Literal(art.note, lang="en")))
    pub = _publisher(ex, lex)
    if pub is not None:
        g.add((d, DCTERMS.publisher, pub))
        if pub not in {URIRef(k) for k in lex.org_labels}:
            g.add((pub, RDF.type, ORG.Organization))
            g.add((pub, RDF.type, PROV.Agent))
            g.add((pub, SKOS.prefLabel, Literal(art.publisher or str(pub).rsplit("/", 1)[-1], lang="en")))
    for name in ex.authors:
        p = iris.person(name)
        g.add((d, SCHEMA.author, p))
        g.add((p, RDF.type, FOAF.Person))
        g.add((p, RDF.type, PROV.Agent))
        g.add((p, FOAF.name, Literal(name)))
        g.add((p, RDFS.label, Literal(name, lang="en")))
        g.add((p, SCHEMA.jobTitle, Literal("reporter", lang="en")))
    ctx = iris.span(stem, 0, len(art.text))
    g.add((ctx, RDF.type, NIF.Context))
    g.add((ctx, RDF.type, PROV.Entity))  # nif:sourceUrl is a prov:hadPrimarySource, between entities
    g.add((ctx, RDF.type, NIF.OffsetBasedString))
    g.add((ctx, NIF.isString, Literal(art.text)))
    g.add((ctx, NIF.beginIndex, _int(0)))
    g.add((ctx, NIF.endIndex, _int(len(art.text))))
    g.add((ctx, NIF.sourceUrl, d))
    g.add((d, PKG.text, ctx))
    sentences: dict[int, URIRef] = {}
    for s in ex.sentences:
        node = _span(g, stem, s.start, s.end, art.text, NIF.Sentence)
        sentences[s.start] = node
    for person in ex.people:
        _person(g, person, lex, d)
    for q in ex.quotes:
        node = _span(g, stem, q.start, q.end, art.text, PKG.Quote)
        g.add((node, PKG.speaker, iris.person(q.speaker)))
        g.add((node, PROV.wasAttributedTo, iris.person(q.speaker)))
    return sentences


def _span(g: Graph, stem: str, start: int, end: int, text: str, kind: URIRef) -> URIRef:
    node = iris.span(stem, start, end)
    g.add((node, RDF.type, kind))
    g.add((node, RDF.type, NIF.OffsetBasedString))
    g.add((node, NIF.beginIndex, _int(start)))
    g.add((node, NIF.endIndex, _int(end)))
    g.add((node, NIF.anchorOf, Literal(text[start:end])))
    g.add((node, NIF.referenceContext, iris.span(stem, 0, len(text))))
    return node


def _person(g: Graph, person, lex: Lexicon, d: URIRef) -> None:
    p = iris.person(person.name)
    g.add((p, RDF.type, FOAF.Person))
    g.add((p, RDF.type, PROV.Agent))
    g.add((p, FOAF.name, Literal(person.name)))
    g.add((p, RDFS.label, Literal(person.name, lang="en")))
    g.add((d, SCHEMA.mentions, p))
    for post in person.posts:
        holder = post.org
        if post.unit and post.org:
            unit = iris.unit(post.org, post.unit)
            g.add((unit, RDF.type, ORG.OrganizationalUnit))
            g.add((unit, SKOS.prefLabel, Literal(post.unit, lang="en")))
            g.add((unit, ORG.unitOf, URIRef(post.org)))
            g.add((URIRef(post.org), RDF.type, ORG.FormalOrganization))  # what has units is formal (W3C ORG)
            g.add((URIRef(post.org), ORG.hasUnit, unit))
            holder = str(unit)
        elif post.unit:
            holder = str(iris.org(post.unit))
            g.add((URIRef(holder), RDF.type, ORG.Organization))
            g.add((URIRef(holder), SKOS.prefLabel, Literal(post.unit, lang="en")))
        if not holder:
            g.add((p, SCHEMA.jobTitle, Literal(post.title, lang="en")))
            continue
        node = iris.post(holder, post.title)
        g.add((node, RDF.type, ORG.Post))
        where = post.unit or lex.org_labels.get(post.org, "")
        g.add((node, RDFS.label, Literal(f"{post.title}, {where}" if where else post.title, lang="en")))
        g.add((node, SCHEMA.jobTitle, Literal(post.title, lang="en")))
        g.add((node, ORG.postIn, URIRef(holder)))
        g.add((node, ORG.heldBy, p))
        g.add((p, ORG.holds, node))


def _attribution(f: Fact, ex: Extraction, pub: URIRef | None) -> list[URIRef]:
    if f.speaker:
        return [iris.person(f.speaker)]
    if ex.authors:
        return [iris.person(a) for a in ex.authors]
    return [pub] if pub is not None else []


def mention_graph(
    g: Graph,
    f: Fact,
    ex: Extraction,
    sentences: dict[int, URIRef],
    lex: Lexicon,
    target: URIRef | None,
    n_curation: dict[str, int],
) -> URIRef:
    stem = ex.article.stem
    kind = {"ambiguous": PKG.AmbiguousFigure, "unclassified": PKG.UnclassifiedFigure}.get(f.status, PKG.FigureMention)
    node = _span(g, stem, f.figure[0], f.figure[1], ex.article.text, kind)
    if kind != PKG.FigureMention:
        g.add((node, RDF.type, PKG.FigureMention))
    g.add((node, NIF.sentence, sentences[f.sentence[0]]))
    g.add((node, PKG.status, iris.code("status", f.status)))
    if f.value is not None:
        g.add((node, PKG.reportedValue, _dec(f.value)))
        g.add((node, SDMX_ATTR.unitMeasure, iris.code("unit", f.unit)))
    if f.qualifier:
        g.add((node, PKG.qualifier, Literal(f.qualifier)))
    if f.status == "ambiguous":
        g.add((node, PKG.indicator, iris.code("indicator", f.indicator)))
        g.add((node, PKG.reason, Literal(f.note, lang="en")))
    elif f.status == "unclassified":
        g.add((node, PKG.reason, Literal(f.note, lang="en")))
    elif f.note:
        g.add((node, RDFS.comment, Literal(f.note, lang="en")))
    if f.status == "curated":
        n_curation[stem] = n_curation.get(stem, 0) + 1
        entry = iris.curation(stem, n_curation[stem])
        g.add((entry, RDF.type, PKG.CurationEntry))
        g.add((entry, PKG.reason, Literal(f.note, lang="en")))
        g.add((entry, DCTERMS.source, Literal(f"{stem}.curation.toml")))
        g.add((node, PKG.curatedBy, entry))
    for agent in _attribution(f, ex, _publisher(ex, lex)):
        g.add((node, PROV.wasAttributedTo, agent))
    g.add((node, DCTERMS.isPartOf, iris.doc(stem)))
    if target is not None:
        g.add((node, PKG.supports, target))
    return node


# Hedges that bound the figure (the true value is above, or below, the figure stated); the other
# hedges ("about", "some") bound nothing.
_LOWER = frozenset({"more than", "over", "above", "exceeding", "upwards of", "at least"})
_UPPER = frozenset({"less than", "fewer than", "below", "under", "up to", "nearly", "almost"})
_CURRENCIES = frozenset({"CNY", "USD"})
NOT_APPLICABLE = "_Z"  # SDMX's code for a dimension that does not apply


def currency(unit: str) -> str:
    """The currency code of a unit: CNY for yuan (and yuan per month), _Z for what is not money."""
    head = unit.split("_per_")[0]
    return head if head in _CURRENCIES else NOT_APPLICABLE


def observation_graph(
    g: Graph, key: tuple[str, ...], facts: list[Fact], kind: str, unit: str, lex: Lexicon, forecast: bool = False
) -> URIRef:
    """One point of the cube. Every dimension has a value (scheme:_Z, currency:_Z where one does not
    apply); a dollar conversion is its own point, apart by its currency; the hedges of the facts are
    attributes, with the bound they give. A point every report of which came out before its period
    ended ('should rise to 650 million by the end of next year') is a forecast: SDMX's status F."""
    indicator, scheme, area, period, _variant = key
    obs = iris.observation(*key)
    g.add((obs, RDF.type, PKG.Observation))
    g.add((obs, RDF.type, QB.Observation))
    g.add((obs, QB.dataSet, iris.DATASET))
    g.add((obs, PKG.indicator, iris.code("indicator", indicator)))
    g.add((obs, PKG.scheme, iris.code("scheme", scheme or NOT_APPLICABLE)))
    g.add((obs, PKG.refArea, iris.code("area", area)))
    g.add((obs, SDMX_DIM.refArea, iris.code("area", area)))
    when = add_period(g, period)
    g.add((obs, PKG.refPeriod, when))
    g.add((obs, SDMX_DIM.refPeriod, when))
    g.add((obs, PKG.currency, iris.code("currency", currency(unit))))
    g.add((obs, PKG.periodKind, iris.code("period-kind", kind)))
    g.add((obs, SDMX_ATTR.unitMeasure, iris.code("unit", unit)))
    values = sorted({f.value for f in facts if f.value is not None})  # every placed fact has a value
    for v in values:
        g.add((obs, SDMX_MEAS.obsValue, _dec(v)))
    for f in facts:
        if f.qualifier and f.value is not None:
            g.add((obs, PKG.qualifier, Literal(f.qualifier)))
            if f.qualifier in _LOWER:
                g.add((obs, PKG.lowerBound, _dec(f.value)))
            elif f.qualifier in _UPPER:
                g.add((obs, PKG.upperBound, _dec(f.value)))
    status = min((f.status for f in facts), key=_STATUS_RANK.__getitem__)
    g.add((obs, PKG.status, iris.code("status", status)))
    code = "E" if status == "derived" else ("F" if forecast else "A")
    g.add((obs, SDMX_ATTR.obsStatus, SDMX_CODE[f"obsStatus-{code}"]))
    if len(values) > 1:
        g.add((obs, PKG.hasConflict, Literal(True)))
    _name(g, obs, key, values, unit, lex)
    return obs


def _name(g: Graph, obs: URIRef, key: tuple[str, ...], values: list[Decimal], unit: str, lex: Lexicon) -> None:
    """The observation's label in English, and in Chinese wherever the code lists give every word."""
    indicator, scheme, area, period, _variant = key
    shown = " / ".join(plain(v) for v in values)
    label = lex.indicators[indicator].label if indicator in lex.indicators else indicator
    where = lex.scheme_labels.get(scheme, "")
    g.add(
        (
            obs,
            RDFS.label,
            Literal(f"{label}{', ' + where if where else ''}, {area}, {period}: {shown} {unit}", lang="en"),
        )
    )
    what, place, counted = (
        _zh(lex, iris.code(k, c)) for k, c in (("indicator", indicator), ("area", area), ("unit", unit))
    )
    if what and place and counted:
        where_zh = _zh(lex, iris.code("scheme", scheme)) if scheme else ""
        zh = f"{what}{'（' + where_zh + '）' if where_zh else ''}，{place}，{period}：{shown} {counted}"
        g.add((obs, RDFS.label, Literal(zh, lang="zh")))


def _zh(lex: Lexicon, code: URIRef) -> str:
    """The Chinese label the ontology gives a code, or "" when it gives none."""
    return next((str(o) for o in lex.graph.objects(code, SKOS.prefLabel) if getattr(o, "language", None) == "zh"), "")


def event_iris(events: list) -> list[URIRef]:
    """The IRI of each event of an article, in order (a strand's is under its parent's, which comes
    before it in the list)."""
    out: list[URIRef] = []
    for ev in events:
        if ev.kind == "reform" and ev.reform:
            out.append(URIRef(ev.reform))
        elif ev.kind in ("measure", "reform"):
            out.append(_strand_iri(ev, out))
        else:
            out.append(iris.event(ev.kind, ev.scheme, ev.area, ev.notation))
    return out


def _event_graph(g: Graph, ev, node: URIRef, ex: Extraction, lex: Lexicon, events_iris: list[URIRef]) -> URIRef:
    if ev.kind == "reform" and ev.reform:
        return _reform_named(g, ev, ex)
    if ev.kind in ("measure", "reform"):
        g.add((node, RDF.type, PKG.PolicyMeasure if ev.kind == "measure" else PKG.Reform))
    else:
        own_reform = ev.kind == "event_start" and not ev.reform  # a start of a reform the ontology names is its event
        g.add((node, RDF.type, PKG.Reform if own_reform else PKG.PolicyEvent))
        g.add((node, PKG.eventType, iris.code("indicator", ev.kind)))
        g.add((node, TIME.hasTime, add_period(g, ev.notation)))
    g.add((node, RDF.type, PKG.PolicyEvent))
    if ev.kind in ("measure", "reform"):
        g.add((node, RDFS.label, Literal(ev.label, lang="en")))
        if ev.position:
            g.add((node, SCHEMA.position, Literal(ev.position, datatype=XSD.integer)))
    else:  # a readable name; the words of the text stay in the description
        _event_name(g, node, ev, lex)
        g.add((node, DCTERMS.description, Literal(ev.label, lang="en")))
    if ev.scheme:
        g.add((node, PKG.scheme, iris.code("scheme", ev.scheme)))
    g.add((node, DCTERMS.spatial, iris.code("area", ev.area)))
    if ev.scope:
        g.add((node, PKG.spatialScope, Literal(ev.scope, lang="en")))
    for org in ev.decided_by:
        g.add((node, PKG.decidedBy, URIRef(org)))
    for org in ev.implemented_by:
        g.add((node, PKG.implementedBy, URIRef(org)))
    if ev.reform:
        g.add((node, DCTERMS.isPartOf, URIRef(ev.reform)))
    elif ev.part_of is not None and ev.part_of < len(events_iris):
        g.add((node, DCTERMS.isPartOf, events_iris[ev.part_of]))
    _stated_by(g, node, ev, ex)
    return node


def _strand_iri(ev, events_iris: list[URIRef]) -> URIRef:
    """A strand's IRI is its label under the IRI of what it is part of: the same strand of one reform
    in two articles is one node, part of one thing; an undated reform's, its label alone."""
    if ev.reform:
        return iris.strand(URIRef(ev.reform), ev.label)
    if ev.part_of is not None and ev.part_of < len(events_iris):
        return iris.strand(events_iris[ev.part_of], ev.label)
    return iris.measure(ev.label)


def _event_name(g: Graph, node: URIRef, ev, lex: Lexicon) -> None:
    """A dated event's name in English and Chinese, from its codes (and from its reform's name when it
    is the event of a reform the ontology names)."""
    what = lex.indicators[ev.kind].label if ev.kind in lex.indicators else ev.kind
    scheme = lex.scheme_labels.get(ev.scheme, "")
    reform = URIRef(ev.reform) if ev.reform else None
    named = {getattr(o, "language", None): str(o) for o in lex.graph.objects(reform, RDFS.label)} if reform else {}
    if "en" in named:
        en = f"{named['en']}: {what}, {ev.notation}"
    else:
        en = f"{what}: {scheme}, {ev.notation}" if scheme else f"{what}, {ev.notation}"
    g.add((node, RDFS.label, Literal(en, lang="en")))
    what_zh = _zh(lex, iris.code("indicator", ev.kind))
    if what_zh:  # as the viz composes a Chinese event name (kg/viz/names.py): area, scheme, type, date
        where_zh = _zh(lex, iris.code("area", ev.area)) if ev.area != "CN" else ""
        scheme_zh = named.get("zh") or (_zh(lex, iris.code("scheme", ev.scheme)) if ev.scheme else "")
        g.add((node, RDFS.label, Literal(f"{where_zh}{scheme_zh}{what_zh}（{ev.notation}）", lang="zh")))


def _reform_named(g: Graph, ev, ex: Extraction) -> URIRef:
    """An article naming a reform the ontology knows (its name, labels and scheme are there): the
    words that name it are where this article states it."""
    node = URIRef(ev.reform)
    _stated_by(g, node, ev, ex)
    return node


def _stated_by(g: Graph, node: URIRef, ev, ex: Extraction) -> None:
    text_span = _span(g, ex.article.stem, ev.span[0], ev.span[1], ex.article.text, NIF.Phrase)
    g.add((text_span, RDF.type, PROV.Entity))
    g.add((node, PROV.wasDerivedFrom, text_span))
    g.add((text_span, DCTERMS.isPartOf, iris.doc(ex.article.stem)))


def series_keys(lex: Lexicon) -> Callable[[tuple[str, ...]], tuple[str, ...]]:
    """The series point of a fact's key. A fund figure a report gives for social insurance in general
    is of the scheme its indicator names for that (pkg:generalFundScheme: the three funds the ministry
    manages), so that it is one series with the reports that name that scheme."""
    general = {
        str(s).rsplit("/", 1)[-1]: str(o).rsplit("/", 1)[-1]
        for s, o in lex.graph.subject_objects(PKG.generalFundScheme)
    }

    def key(k: tuple[str, ...]) -> tuple[str, ...]:
        if k[1] == lex.in_general and k[0] in general:
            return (k[0], general[k[0]], *k[2:])
        return k

    return key


class Quads:
    """What `build_dataset` adds, kept as quads (s, p, o, graph name) in the order they are added,
    standing in for the Dataset (its `graph(name)`, its prefixes). Writing the files and the store
    needs no lookup, so it needs no rdflib store, whose `add` is most of the time of making the
    graph; a triple added twice to a graph is here twice."""

    def __init__(self) -> None:
        self.added: list[tuple[Any, Any, Any, URIRef]] = []
        self.namespace_manager = Graph().namespace_manager

    def graph(self, name: URIRef) -> _QuadsOf:
        return _QuadsOf(name, self.added)


class _QuadsOf:
    """One named graph of `Quads`: what is added to it is added there with its name."""

    def __init__(self, name: URIRef, added: list) -> None:
        self.name, self._added = name, added

    def add(self, triple: tuple) -> None:
        self._added.append((*triple, self.name))


def build_quads(
    extractions: Iterable[Extraction], derived: list[Fact], lex: Lexicon, with_ontology: bool = True
) -> list[tuple[Any, Any, Any, URIRef]]:
    """The quads `build_dataset` puts in its named graphs, as they are added (see `Quads`)."""
    into = Quads()
    _fill(into, extractions, derived, lex, with_ontology)
    return into.added


def build_dataset(
    extractions: Iterable[Extraction], derived: list[Fact], lex: Lexicon, with_ontology: bool = True
) -> Dataset:
    ds = Dataset()
    _fill(ds, extractions, derived, lex, with_ontology)
    return ds


def _fill(ds: Any, extractions: Iterable[Extraction], derived: list[Fact], lex: Lexicon, with_ontology: bool) -> None:
    """The graph of the articles, added to `ds` (a Dataset, or `Quads`): only `ds.graph(name)` and the
    graphs' `add` are used."""
    bind_all(ds.namespace_manager)
    extractions = list(extractions)
    series = series_keys(lex)
    by_key: dict[tuple[str, ...], list[tuple[Fact, Extraction]]] = defaultdict(list)
    for ex in extractions:
        for f in ex.facts:
            if not f.is_event and f.status not in UNPLACED:
                by_key[series(f.key)].append((f, ex))
    n_curation: dict[str, int] = {}
    for ex in extractions:
        g = ds.graph(iris.graph_name(ex.article.stem))
        sentences = document_graph(g, ex, lex)
        g.add((iris.graph_name(ex.article.stem), DCTERMS.source, iris.doc(ex.article.stem)))
        event_nodes = event_iris(ex.events)
        for ev, node in zip(ex.events, event_nodes, strict=True):
            _event_graph(g, ev, node, ex, lex, event_nodes)
        for ev, node in zip(ex.events, event_nodes, strict=True):
            if ev.fact is not None:
                mention_graph(g, ev.fact, ex, sentences, lex, node, n_curation)
        for f in ex.facts:
            if f.is_event:
                continue
            target = None
            if f.status not in UNPLACED:
                point = series(f.key)
                group = [x for x, _ in by_key[point]]
                said = [period_end(x.period) > e.published for x, e in by_key[point] if x.status == "reported"]
                ahead = bool(said) and all(said)  # no report came out after the period's end
                target = observation_graph(g, point, group, f.period_kind, f.unit, lex, forecast=ahead)
                g.add((target, PROV.wasDerivedFrom, iris.span(ex.article.stem, *f.figure)))
            mention_graph(g, f, ex, sentences, lex, target, n_curation)
    dg = ds.graph(iris.ID["graph/derived"])
    # figures derived for one point (from reports that name its scheme two ways) are one observation,
    # written once with all their values, as the reports of a point are
    derived_at: dict[tuple[str, ...], list[Fact]] = defaultdict(list)
    for f in derived:
        derived_at[series(f.key)].append(f)
    for point, group in derived_at.items():
        obs = observation_graph(dg, point, group, group[0].period_kind, group[0].unit, lex)
        for f in group:
            dg.add((obs, PKG.formula, Literal(f.formula, lang="en")))
            for i in f.inputs:
                dg.add((obs, PROV.wasDerivedFrom, iris.observation(*series(i.key))))
    meta = ds.graph(iris.ID["graph/dataset"])
    meta.add((iris.DATASET, RDF.type, QB.DataSet))
    meta.add((iris.DATASET, QB.structure, PKG.dsd))
    meta.add(
        (
            iris.DATASET,
            DCTERMS.title,
            Literal("Statistics of China's pension and social-insurance system, from news reports", lang="en"),
        )
    )
    meta.add((iris.DATASET, DCTERMS.title, Literal("中国养老金与社会保险统计（新闻报道）", lang="zh")))
    for ex in extractions:
        meta.add((iris.DATASET, DCTERMS.source, iris.doc(ex.article.stem)))
    if with_ontology:  # the lexicon has parsed the ontology files already
        og = ds.graph(iris.ONTOLOGY_GRAPH)
        for t in lex.graph:
            og.add(t)


class UnionView(Graph):
    """The union of a dataset's graphs, read from the dataset's own store, without a copy: rdflib's
    memory store indexes each triple once, whatever graphs hold it, and a lookup in no graph in
    particular finds it once. Copying the union of 1,000 articles cost 7 s of a build, on its
    critical path (before the validation can start). Read-only: an added triple would land in a
    graph of the dataset's store that is no graph of the dataset.

    Every triple is read from the store's own set of them (in the order the store would give them),
    not through its lookup, which makes a generator of the graphs of each triple, unread: at 1,000
    articles that took 6 of the 7 s of copying the graph into Oxigraph for the SPARQL shapes, and
    most of each pass of the literal check."""

    def __init__(self, store: Any, identifier: Any = None, namespace_manager: Any = None) -> None:
        super().__init__(store=store, identifier=identifier, namespace_manager=namespace_manager)

    def triples(self, triple):  # type: ignore[override]
        s, p, o = triple
        if isinstance(p, Path):  # a property path, which rdflib evaluates by lookups on this graph
            for s2, o2 in p.eval(self, s, o):
                yield s2, p, o2
            return
        if s is None and p is None and o is None:
            every = getattr(self.store, "_Memory__contextTriples", {}).get(None)
            if every is not None:  # rdflib's memory store keeps the union as a set: read it whole
                yield from list(every)
                return
        for t, _ in self.store.triples((s, p, o), context=None):
            yield t

    def __len__(self) -> int:
        return self.store.__len__(context=None)  # type: ignore[call-arg]  # the memory store takes one

    def add(self, triple):  # type: ignore[override]
        raise TypeError("a union view is read-only")

    def triples_choices(self, triple, context=None):  # type: ignore[override]
        # rdflib's asks the store for this graph's own triples, of which a view has none: refused
        # rather than answered empty (nothing the build runs asks it)
        raise TypeError("a union view answers triples(), not triples_choices()")

    addN = remove = add  # noqa: N815  (rdflib's names)


def union_view(ds: Dataset) -> UnionView:
    """The union of the dataset's named graphs (as `union`), as a view of its store."""
    return UnionView(ds.store, namespace_manager=ds.namespace_manager)


def union(ds: Dataset) -> Graph:
    """All named graphs in one graph (what Turtle and N-Triples exports hold)."""
    g = Graph()
    bind_all(g.namespace_manager)
    for ctx in graphs(ds):
        for t in ctx:
            g.add(t)
    return g


def graphs(ds: Dataset) -> list[Graph]:
    """The named graphs of a dataset (rdflib renamed contexts() to graphs() in 7.x)."""
    return list(ds.graphs() if hasattr(ds, "graphs") else ds.contexts())
