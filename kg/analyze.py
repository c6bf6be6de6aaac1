"""Network analysis of the entity graph: who is central, what hangs together, how two things connect.

Centrality and communities are computed on the undirected simple graph: whether an article
*mentions* a person or the person is *mentioned by* the article, they are one step apart, and two
relations between the same pair do not make them closer. Paths are found the same way and then
printed with the direction and label of the RDF relation each step follows.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import networkx as nx

from kg.entity_graph import CLASS_BY_KEY, resolve

COMMUNITY_SEED = 42  # Louvain is randomised; a fixed seed keeps the report the same run to run.


@dataclass(frozen=True)
class Step:
    """One edge of a path, in the direction the path walks it."""

    source: str
    target: str
    label: str
    forward: bool  # True when the RDF triple reads source → target


class NoPath(LookupError):
    """The two nodes are in different components."""


def simple(G: nx.MultiDiGraph) -> nx.Graph:
    return nx.Graph(G.to_undirected(as_view=True))


def _name(G: nx.Graph, n: str) -> str:
    return G.nodes[n].get("label", n)


def _cls(G: nx.Graph, n: str) -> str:
    cls = CLASS_BY_KEY.get(G.nodes[n].get("cls", ""))
    return cls.en if cls else ""


def find_path(G: nx.MultiDiGraph, a: str, b: str) -> list[Step]:
    """The shortest chain of relations from a to b (labels or IRIs; UnknownNode if unknown)."""
    src, dst = resolve(G, a), resolve(G, b)
    U = simple(G)
    try:
        # of the shortest chains, the first by its nodes' IRIs: the same answer whatever the hash seed
        nodes = min(nx.all_shortest_paths(U, src, dst), key=lambda path: list(path))
    except nx.NetworkXNoPath:
        ca = len(nx.node_connected_component(U, src))
        cb = len(nx.node_connected_component(U, dst))
        raise NoPath(
            f"no path between {_name(G, src)!r} and {_name(G, dst)!r}: they lie in separate parts of the graph "
            f"({ca} and {cb} nodes)"
        ) from None
    steps = []
    for u, v in zip(nodes, nodes[1:], strict=False):
        if G.has_edge(u, v):
            data = min(G.get_edge_data(u, v).values(), key=lambda d: d["label"])
            steps.append(Step(u, v, data["label"], True))
        else:
            data = min(G.get_edge_data(v, u).values(), key=lambda d: d["label"])
            steps.append(Step(u, v, data["label"], False))
    return steps


def format_path(G: nx.MultiDiGraph, steps: list[Step]) -> str:
    """``A [class]`` then one line per step: ``—label→ B`` forward, ``←label— B`` backward."""
    if not steps:
        return ""

    def node(n: str) -> str:
        return f"{_shorten(_name(G, n))} [{_cls(G, n)}]"

    lines = [node(steps[0].source)]
    for s in steps:
        arrow = f"—{s.label}→" if s.forward else f"←{s.label}—"
        lines.append(f"  {arrow} {node(s.target)}")
    lines.append(f"({len(steps)} step{'s' if len(steps) != 1 else ''})")
    return "\n".join(lines)


def _shorten(text: str, width: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


@dataclass
class Report:
    nodes: int
    edges: int
    degree: list[tuple[str, str, float]]
    betweenness: list[tuple[str, str, float]]
    components: list[int]
    communities: list[list[str]]
    modularity: float


def report(G: nx.MultiDiGraph, top: int = 10) -> Report:
    U = simple(G)

    def ranked(scores: dict[str, float]) -> list[tuple[str, str, float]]:
        best = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
        return [(n, _name(G, n), round(s, 4)) for n, s in best]

    degree = nx.degree_centrality(U) if len(U) > 1 else dict.fromkeys(U, 0.0)
    between = nx.betweenness_centrality(U, k=min(len(U), 500) if len(U) > 2000 else None, seed=COMMUNITY_SEED)
    components = sorted((len(c) for c in nx.connected_components(U)), reverse=True)
    communities: list[set] = []
    modularity = 0.0
    if U.number_of_edges():
        communities = nx.community.louvain_communities(U, seed=COMMUNITY_SEED)
        modularity = nx.community.modularity(U, communities)
    communities = sorted(communities, key=lambda c: (-len(c), min(c)))
    named = [[_name(G, n) for n in sorted(c, key=lambda n: (-U.degree(n), n))] for c in communities]
    return Report(
        nodes=G.number_of_nodes(),
        edges=G.number_of_edges(),
        degree=ranked(degree),
        betweenness=ranked(between),
        components=components,
        communities=named,
        modularity=round(modularity, 4),
    )


def format_report(r: Report, top: int = 10) -> str:
    out = [f"entity graph: {r.nodes} nodes, {r.edges} edges"]
    out.append(
        f"\nconnected components: {len(r.components)} (sizes {', '.join(map(str, r.components[:12]))}"
        f"{', …' if len(r.components) > 12 else ''})"
    )
    for title, rows in (("degree centrality", r.degree), ("betweenness centrality", r.betweenness)):
        out.append(f"\n{title} (top {len(rows)}):")
        out += [f"  {score:7.4f}  {_shorten(label, 80)}" for _, label, score in rows]
    out.append(f"\ncommunities (Louvain, modularity {r.modularity}): {len(r.communities)}")
    for i, members in enumerate(r.communities[:top], 1):
        head = "; ".join(_shorten(m, 40) for m in members[:5])
        noun = "node " if len(members) == 1 else "nodes"
        out.append(f"  {i:2}. {len(members):4} {noun}: {head}{' …' if len(members) > 5 else ''}")
    return "\n".join(out)


def report_json(r: Report) -> dict:
    d = asdict(r)
    d["degree"] = [{"iri": n, "label": label, "score": s} for n, label, s in r.degree]
    d["betweenness"] = [{"iri": n, "label": label, "score": s} for n, label, s in r.betweenness]
    return d
