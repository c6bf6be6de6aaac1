"""`pension-kg viz --static FILE.svg|FILE.png`: a picture for a report or the README, by Graphviz.

The interactive page makes room for labels by hiding some until one zooms in; a printed picture
cannot, so here every node carries its name inside its shape and Graphviz's overlap removal keeps
the shapes (and so the names) apart. The layout is computed first (``neato``), then a legend made
of the same shapes is pinned beside it and the whole is drawn with ``neato -n2`` (positions kept).
Series stay closed, as on the page: one node per statistical series, not one per point.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import textwrap
from pathlib import Path

from rdflib import Graph

from kg import atomic
from kg.viz.model import View, VizError, build_view, class_table
from kg.viz.style import STYLE

# Shapes that hold a name without swelling (a star or a triangle around a line of text is three
# times its size); the colours are the page's, and the picture carries its own legend.
SHAPES = {
    "Scheme": "hexagon", "Pillar": "doubleoctagon", "Fund": "hexagon", "Reform": "invhouse",
    "PolicyMeasure": "house", "PolicyEvent": "cds", "Organization": "box", "OrganizationalUnit": "box",
    "Post": "box", "Person": "ellipse", "PublicService": "component", "Article": "note",
    "Indicator": "octagon", "Series": "ellipse", "Observation": "ellipse", "AmbiguousFigure": "octagon",
    "UnclassifiedFigure": "octagon",
}  # fmt: skip
FONT = "Helvetica,Arial,sans-serif"
FONT_ZH = "Noto Sans CJK SC,Helvetica,Arial,sans-serif"


def _wrap(text: str, width: int = 22, lines: int = 3) -> str:
    text = " ".join(text.split())
    if re.search(r"[\u4e00-\u9fff]", text):  # Chinese: no spaces to wrap at, cut by characters
        parts = [text[i : i + 11] for i in range(0, len(text), 11)]
    else:
        parts = textwrap.wrap(text, width) or [text]
    if len(parts) > lines:
        parts = parts[:lines]
        parts[-1] = parts[-1][: max(0, width - 1)].rstrip() + "…"
    return "\\n".join(p.replace("\\", "\\\\").replace('"', '\\"') for p in parts)


def _light(color: str, amount: float = 0.72) -> str:
    r, g, b = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    mix = [round(c + (255 - c) * amount) for c in (r, g, b)]
    return "#" + "".join(f"{c:02x}" for c in mix)


def dot_source(
    g: Graph, focus=None, depth: int = 2, types=None, lang: str = "en", title: str = ""
) -> tuple[str, list[dict], View]:
    """The DOT text of the picture (before the legend is added), its classes and its view."""
    view = build_view(g, focus=focus, depth=depth, types=types)
    # Points stay inside their series, and classes the page starts with hidden stay out unless asked for.
    classes = [c for c in class_table(view, g) if c["key"] != "Observation" and not (c["off"] and not types)]
    drawn = {c["key"] for c in classes}
    font = FONT_ZH if lang == "zh" else FONT
    lines = [
        "graph KG {",
        f'  graph [overlap=prism, overlap_scaling=2, sep="+8", splines=false, outputorder=edgesfirst, pad=0.3, '
        f'start=7, fontname="{font}", bgcolor="white"];',
        f'  node [fontname="{font}", fontsize=11, style="filled", penwidth=1.2, margin="0.06,0.03"];',
        '  edge [color="#9aa5b1", penwidth=0.8];',
    ]
    keep: set[int] = set()
    for i, n in enumerate(view.nodes):
        if n["series"] >= 0 or n["cls"] not in drawn:
            continue
        keep.add(i)
        color = STYLE[n["cls"]][0]
        shape = SHAPES.get(n["cls"], "ellipse")
        label = n["zh"] if lang == "zh" else n["en"]
        if n["cls"] == "Series":
            label = f"{label} ({n.get('points', 0)})"
        width = 24 if n["cls"] in ("Article", "PolicyMeasure", "PolicyEvent", "Series") else 20
        big = n["cls"] in ("Scheme", "Pillar", "Reform")
        attrs = (
            f'label="{_wrap(label, width)}", shape={shape}, fillcolor="{_light(color)}", color="{color}"'
            + (", fontsize=13, penwidth=2" if big else "")
            + (", fontsize=10" if n["cls"] in ("Series", "Article") else "")
        )
        lines.append(f"  n{i} [{attrs}];")
    seen = set()
    for e in view.edges:
        if e["member"] or e["s"] not in keep or e["t"] not in keep:
            continue
        pair = (min(e["s"], e["t"]), max(e["s"], e["t"]))
        if pair in seen:
            continue
        seen.add(pair)
        lines.append(f"  n{e['s']} -- n{e['t']};")
    lines.append("}")
    return "\n".join(lines), classes, view


def _legend(classes: list[dict], bb: tuple[float, float, float, float], lang: str, title: str) -> list[str]:
    """Legend nodes pinned in a column left of the drawing's bounding box (points)."""
    x0, y0, x1, y1 = bb
    font = FONT_ZH if lang == "zh" else FONT
    lx = x0 - 130
    out = []
    y = y1 - 10
    head = title or ("图例" if lang == "zh" else "Legend")
    out.append(
        f'  legend_title [shape=plaintext, style="", label="{_wrap(head, 28, 2)}", fontsize=14, '
        f'fontname="{font}", pos="{lx:.1f},{y:.1f}!"];'
    )
    y -= 30 + 14 * _wrap(head, 28, 2).count("\\n")
    for k, c in enumerate(classes):
        shape = SHAPES.get(c["key"], "ellipse")
        name = c["zh"] if lang == "zh" else c["en"]
        out.append(
            f'  legend{k} [label="{_wrap(name, 18, 2)}", shape={shape}, fillcolor="{_light(c["color"])}", '
            f'color="{c["color"]}", fontsize=11, width=1.9, height=0.5, fixedsize=true, pos="{lx:.1f},{y:.1f}!"];'
        )
        y -= 46
    return out


def render(g: Graph, out: Path, focus=None, depth: int = 2, types=None, lang: str = "en", title: str = "") -> dict:
    fmt = out.suffix.lower().lstrip(".")
    if fmt not in ("svg", "png", "pdf"):
        raise VizError(f"{out}: --static writes .svg, .png or .pdf")
    if not shutil.which("neato"):
        raise VizError("--static needs Graphviz (`apt-get install graphviz`); `viz --out FILE.html` works without it")
    source, classes, view = dot_source(g, focus=focus, depth=depth, types=types, lang=lang, title=title)
    laid = subprocess.run(["neato", "-Tdot"], input=source, capture_output=True, text=True, timeout=600, check=True)
    m = re.search(r'bb="([-\d.]+),([-\d.]+),([-\d.]+),([-\d.]+)"', laid.stdout)
    if not m:
        raise VizError("graphviz gave no bounding box")
    x0, y0, x1, y1 = (float(v) for v in m.groups())
    bb = (x0, y0, x1, y1)
    body = laid.stdout.rstrip().rstrip("}")
    final = body + "\n".join(_legend(classes, bb, lang, title)) + "\n}\n"
    args = ["neato", "-n2", f"-T{fmt}"] + (["-Gdpi=110"] if fmt == "png" else [])
    drawn = subprocess.run(args, input=final.encode(), capture_output=True, timeout=600, check=True)
    out.parent.mkdir(parents=True, exist_ok=True)
    atomic.write_bytes(out, drawn.stdout)
    nodes = sum(1 for line in source.splitlines() if line.startswith("  n") and "--" not in line)
    return {"written": str(out), "format": fmt, "nodes": nodes}


def write(
    g: Graph,
    out: Path,
    focus: str | None = None,
    depth: int = 2,
    types: list[str] | None = None,
    lang: str = "en",
    title: str = "",
) -> dict:
    """Write the picture to ``out`` (.svg, .png or .pdf); a Graphviz failure is a VizError, not a traceback."""
    try:
        return render(g, out, focus=focus, depth=depth, types=types, lang=lang, title=title)
    except subprocess.CalledProcessError as e:
        raise VizError(f"graphviz failed: {e.stderr.decode(errors='replace') if e.stderr else e}") from None
