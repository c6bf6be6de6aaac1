"""SHACL validation of the graph against ontology/shapes.ttl, reported in words.

Violations make a build fail; warnings (a conflict between sources) are reported but do not.
"""

from __future__ import annotations

import multiprocessing as mp
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pyshacl
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF

from kg.namespaces import SH, bind_all
from kg.paths import shapes_file


@dataclass
class Finding:
    severity: str  # Violation | Warning | Info
    focus: str
    path: str
    message: str

    def line(self) -> str:
        where = f" {self.path}" if self.path else ""
        return f"{self.severity}: <{self.focus}>{where}: {self.message}"


@dataclass
class Report:
    conforms: bool
    graph: Graph
    findings: list[Finding]

    def text(self) -> str:
        if not self.findings:
            return "Conforms: the graph satisfies every shape."
        head = "Conforms (with warnings)." if self.conforms else "Does not conform."
        return "\n".join([head] + [f.line() for f in self.findings])


def _order(f: Finding) -> tuple:
    return ({"Violation": 0, "Warning": 1}.get(f.severity, 2), f.focus, f.path, f.message)


def shapes(path: Path | None = None) -> Graph:
    g = Graph()
    g.parse(path or shapes_file(), format="turtle")
    return g


def validate(data: Graph, shapes_graph: Graph | None = None) -> Report:
    conforms, results, _ = pyshacl.validate(
        data,
        shacl_graph=shapes_graph if shapes_graph is not None else shapes(),
        inference="none",
        allow_warnings=True,
        inplace=True,  # no inference and no rules: nothing is added, so the (costly) copy is not needed
    )
    bind_all(results.namespace_manager)
    findings = []
    for r in results.subjects(RDF.type, SH.ValidationResult):
        sev = results.value(r, SH.resultSeverity)
        path = results.value(r, SH.resultPath)
        findings.append(
            Finding(
                severity=str(sev).rsplit("#", 1)[-1],
                focus=str(results.value(r, SH.focusNode)),
                path=data.namespace_manager.normalizeUri(path) if isinstance(path, URIRef) else "",
                message=str(results.value(r, SH.resultMessage) or ""),
            )
        )
    findings.sort(key=_order)
    return Report(bool(conforms), results, findings)


@dataclass
class Outcome:
    """What a build keeps of a validation: the verdict, the findings and the report as Turtle."""

    conforms: bool
    findings: list[Finding]
    turtle: str

    def text(self) -> str:
        return Report(self.conforms, Graph(), self.findings).text()


def _outcome(data: Graph, shapes_graph: Graph) -> Outcome:
    report = validate(data, shapes_graph)
    return Outcome(report.conforms, report.findings, report.graph.serialize(format="turtle"))


_TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.target)


def _split(shapes_graph: Graph, parts: int) -> list[Graph]:
    """The shapes in `parts` groups: each copy keeps the targets of its own group only, so the other
    shapes stay in it (to be referenced) but select no focus node."""
    roots = sorted({s for s, p, _ in shapes_graph if p in _TARGETS}, key=str)
    out = []
    for k in range(parts):
        mine = set(roots[k::parts])
        g = Graph()
        for t in shapes_graph:
            if t[1] in _TARGETS and t[0] not in mine:
                continue
            g.add(t)
        out.append(g)
    return out


def _merge(outcomes: list[Outcome]) -> Outcome:
    """One report out of several: the findings together, one sh:ValidationReport holding every result."""
    merged = Graph()
    for o in outcomes:
        merged.parse(data=o.turtle, format="turtle")
    report = BNode("report")
    conforms = all(o.conforms for o in outcomes)
    for old in list(merged.subjects(RDF.type, SH.ValidationReport)):
        for result in list(merged.objects(old, SH.result)):
            merged.add((report, SH.result, result))
        merged.remove((old, None, None))
    merged.add((report, RDF.type, SH.ValidationReport))
    merged.add((report, SH.conforms, Literal(conforms)))
    bind_all(merged.namespace_manager)
    findings = sorted((f for o in outcomes for f in o.findings), key=_order)
    return Outcome(conforms, findings, merged.serialize(format="turtle"))


def in_background(data: Graph, parts: int = 2) -> Callable[[], Outcome]:
    """Start validating `data` in forked processes and return a function that waits for the outcome.

    Validation is the slowest step of a build and shares nothing with serialising the graph, so the
    shapes are split over `parts` processes that run beside the serialisations. Each child inherits
    the graph (fork: nothing is copied or pickled but the small outcome). Where fork is unavailable,
    validation runs in place.
    """
    shapes_graph = shapes()
    if "fork" not in mp.get_all_start_methods():
        result = _outcome(data, shapes_graph)
        return lambda: result
    ctx = mp.get_context("fork")
    running = []
    for part in _split(shapes_graph, parts):
        receive, send = ctx.Pipe(duplex=False)

        def child(send=send, part=part) -> None:
            try:
                send.send(("ok", _outcome(data, part)))
            except BaseException as e:  # the parent re-raises it
                send.send(("error", repr(e)))
            finally:
                send.close()

        proc = ctx.Process(target=child, daemon=True)
        proc.start()
        send.close()
        running.append((proc, receive))

    def wait() -> Outcome:
        outcomes = []
        for proc, receive in running:
            try:
                status, value = receive.recv()
            except EOFError:
                raise RuntimeError(f"validation process ended without an answer (exit code {proc.exitcode})") from None
            finally:
                proc.join()
            if status != "ok":
                raise RuntimeError(f"validation failed: {value}")
            outcomes.append(value)
        return _merge(outcomes)

    return wait
