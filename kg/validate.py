"""SHACL validation of the graph against ontology/shapes.ttl, reported in words.

Violations make a build fail; warnings (a conflict between sources) are reported but do not.
"""

from __future__ import annotations

import multiprocessing as mp
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pyshacl
from rdflib import Graph, URIRef
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
    findings.sort(key=lambda f: ({"Violation": 0, "Warning": 1}.get(f.severity, 2), f.focus, f.path, f.message))
    return Report(bool(conforms), results, findings)


@dataclass
class Outcome:
    """What a build keeps of a validation: the verdict, the findings and the report as Turtle."""

    conforms: bool
    findings: list[Finding]
    turtle: str

    def text(self) -> str:
        return Report(self.conforms, Graph(), self.findings).text()


def _outcome(data: Graph) -> Outcome:
    report = validate(data)
    return Outcome(report.conforms, report.findings, report.graph.serialize(format="turtle"))


def in_background(data: Graph) -> Callable[[], Outcome]:
    """Start validating `data` in a forked process and return a function that waits for the outcome.

    Validation is the slowest step of a build and shares nothing with serialising the graph, so on
    a machine with two cores the two run side by side. The child inherits the graph (fork: nothing is
    copied or pickled but the small outcome). Where fork is unavailable, validation runs in place.
    """
    if "fork" not in mp.get_all_start_methods():
        result = _outcome(data)
        return lambda: result
    ctx = mp.get_context("fork")
    receive, send = ctx.Pipe(duplex=False)

    def child() -> None:
        try:
            send.send(("ok", _outcome(data)))
        except BaseException as e:  # the parent re-raises it
            send.send(("error", repr(e)))
        finally:
            send.close()

    proc = ctx.Process(target=child, daemon=True)
    proc.start()
    send.close()

    def wait() -> Outcome:
        try:
            status, value = receive.recv()
        except EOFError:
            raise RuntimeError(f"validation process ended without an answer (exit code {proc.exitcode})") from None
        finally:
            proc.join()
        if status != "ok":
            raise RuntimeError(f"validation failed: {value}")
        return value

    return wait
