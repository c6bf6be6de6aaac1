"""How each class of node looks on the page and in the picture: colour, marker, size, label priority.

One table for both drawings, so a scheme is the same green hexagon in the browser and in the README
picture; Bokeh's marker names are used, and viz.static maps them to Graphviz shapes.
"""

from __future__ import annotations

# Colour and marker per class: hues far apart for the classes a reader looks for first (schemes,
# reforms, agencies, people), the measurement classes in quieter blues.
STYLE: dict[str, tuple[str, str]] = {
    "Scheme": ("#2e8b57", "hex"),
    "Pillar": ("#145a32", "star"),
    "Fund": ("#7dcea0", "hex"),
    "Reform": ("#d62728", "inverted_triangle"),
    "PolicyMeasure": ("#f08080", "triangle"),
    "PolicyEvent": ("#e377c2", "triangle"),
    "Organization": ("#8c564b", "square"),
    "OrganizationalUnit": ("#c49c94", "square"),
    "Post": ("#bcbd22", "diamond"),
    "Person": ("#9467bd", "circle"),
    "PublicService": ("#17becf", "hex"),
    "Article": ("#7f7f7f", "square_pin"),
    "Indicator": ("#ff7f0e", "diamond"),
    "Series": ("#1f77b4", "circle"),
    "Observation": ("#6baed6", "circle"),
    "AmbiguousFigure": ("#ff9896", "triangle_pin"),
    "UnclassifiedFigure": ("#c7c7c7", "triangle_pin"),
}
# Base marker size in screen pixels, before the bonus for well-connected nodes.
BASE_SIZE: dict[str, float] = {
    "Scheme": 20, "Pillar": 22, "Fund": 16, "Reform": 18, "PolicyMeasure": 14, "PolicyEvent": 14,
    "Organization": 16, "OrganizationalUnit": 13, "Post": 12, "Person": 15, "PublicService": 15,
    "Article": 14, "Indicator": 11, "Series": 12, "Observation": 8, "AmbiguousFigure": 10,
    "UnclassifiedFigure": 9,
}  # fmt: skip
# How much a class deserves a label when labels compete for room (times a degree bonus).
LABEL_WEIGHT: dict[str, float] = {
    "Pillar": 9, "Scheme": 8, "Reform": 7, "Organization": 6, "Person": 6, "PublicService": 5,
    "PolicyMeasure": 4, "PolicyEvent": 4, "Fund": 4, "Article": 3, "OrganizationalUnit": 3, "Post": 2,
    "Series": 2.5, "Indicator": 1.5, "AmbiguousFigure": 1.5, "UnclassifiedFigure": 1, "Observation": 1,
}  # fmt: skip

# Classes the page starts with switched off (the legend switches them on): indicators are code-list
# entries whose names the series already carry, and drawing all forty of them only adds clutter.
HIDDEN_AT_FIRST = {"Indicator"}
