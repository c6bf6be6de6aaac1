"""Where the nodes go: positions computed once, when the page is written, never in the browser.

A page that lays out its graph on load makes the reader wait and draws something different each
time; positions fixed here make the first draw immediate and the picture reproducible. Graphviz
(``neato`` for small graphs, ``sfdp`` for large ones, with overlap removal so markers do not sit on
each other) gives the best pictures and is used when installed; networkx's spring layout is the
fallback so that ``viz`` still works without it.
"""

from __future__ import annotations

import math
import shutil
import subprocess
from collections import defaultdict

import networkx as nx

from kg.viz.model import View

SMALL = 400  # up to this many nodes neato's stress majorisation is quick and looks best
SCALE = 1000.0  # the drawn graph spans about this many data units across


def graphviz_available(engine: str = "neato") -> bool:
    return shutil.which(engine) is not None


def place(view: View) -> None:
    """Set x/y on every node of ``view``: the closed graph first, then each series' points around it."""
    H = view.collapsed()
    sizes = {i: view.nodes[i]["size"] for i in H}
    pos = layout(H, sizes)
    for i, (x, y) in pos.items():
        view.nodes[i]["x"], view.nodes[i]["y"] = round(x, 2), round(y, 2)
    _place_points(view, H)


def layout(H: nx.Graph, sizes: dict[int, float]) -> dict[int, tuple[float, float]]:
    if len(H) == 0:
        return {}
    if len(H) == 1:
        return {next(iter(H)): (0.0, 0.0)}
    engine = "neato" if len(H) <= SMALL else "sfdp"
    pos = None
    if graphviz_available(engine):
        try:
            pos = _graphviz(H, sizes, engine)
        except (OSError, subprocess.SubprocessError, ValueError):
            pos = None
    if pos is None:
        pos = _networkx(H)
    return _normalise(pos)


def _graphviz(H: nx.Graph, sizes: dict[int, float], engine: str) -> dict[int, tuple[float, float]]:
    lines = [
        "graph G {",
        # prism removes overlaps while keeping the shape; sep leaves room for a label under each marker.
        '  graph [overlap=prism, overlap_scaling=2, sep="+14", pack=true, packmode="graph", splines=false, '
        "start=7, outputorder=edgesfirst, K=0.6];",
        '  node [shape=circle, fixedsize=true, label=""];',
        "  edge [len=1.3];",
    ]
    for i in sorted(H):
        lines.append(f"  n{i} [width={sizes.get(i, 12) / 48:.3f}];")
    for u, v in sorted(H.edges()):
        lines.append(f"  n{u} -- n{v};")
    lines.append("}")
    run = subprocess.run(
        [engine, "-Tplain"], input="\n".join(lines), capture_output=True, text=True, timeout=600, check=True
    )
    pos: dict[int, tuple[float, float]] = {}
    for line in run.stdout.splitlines():
        parts = line.split()
        if parts and parts[0] == "node":
            pos[int(parts[1][1:])] = (float(parts[2]), float(parts[3]))
    if len(pos) != len(H):
        raise ValueError("graphviz lost nodes")
    return pos


def _networkx(H: nx.Graph) -> dict[int, tuple[float, float]]:
    try:
        k = 1.6 / math.sqrt(len(H))
        return {n: (float(x), float(y)) for n, (x, y) in nx.spring_layout(H, k=k, seed=7, iterations=200).items()}
    except ImportError:  # spring_layout needs scipy above 500 nodes
        return {n: (float(x), float(y)) for n, (x, y) in nx.circular_layout(H).items()}


def _normalise(pos: dict[int, tuple[float, float]]) -> dict[int, tuple[float, float]]:
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    return {n: ((x - cx) / span * SCALE, (y - cy) / span * SCALE) for n, (x, y) in pos.items()}


def _place_points(view: View, H: nx.Graph) -> None:
    """Put each series' points on an arc on the far side from its neighbours, in period order."""
    members: dict[int, list[int]] = defaultdict(list)
    for i, n in enumerate(view.nodes):
        if n["series"] >= 0:
            members[n["series"]].append(i)
    lengths = [
        math.dist((view.nodes[u]["x"], view.nodes[u]["y"]), (view.nodes[v]["x"], view.nodes[v]["y"]))
        for u, v in H.edges()
    ]
    unit = sorted(lengths)[len(lengths) // 2] if lengths else SCALE / 10
    for s, pts in members.items():
        sx, sy = view.nodes[s]["x"], view.nodes[s]["y"]
        nbrs = list(H.neighbors(s)) if s in H else []
        if nbrs:
            ax = sum(view.nodes[n]["x"] for n in nbrs) / len(nbrs) - sx
            ay = sum(view.nodes[n]["y"] for n in nbrs) / len(nbrs) - sy
            away = math.atan2(-ay, -ax) if (ax or ay) else 0.0
        else:
            away = 0.0
        radius = unit * (0.55 + 0.05 * min(len(pts), 12))
        spread = min(2 * math.pi * (1 - 1 / max(len(pts), 1)), 0.5 * len(pts))  # radians
        for k, i in enumerate(pts):
            a = away if len(pts) == 1 else away - spread / 2 + spread * k / (len(pts) - 1)
            view.nodes[i]["x"] = round(sx + radius * math.cos(a), 2)
            view.nodes[i]["y"] = round(sy + radius * math.sin(a), 2)
