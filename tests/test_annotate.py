"""One annotated sentence: the typed spans the constructions read, found once, in article offsets."""

import datetime as dt

from kg.cli import main
from kg.extract import article, reader

TEXT = (
    "BEIJING, March 3 (Xinhua) -- By the end of 2025, 300 million people had joined unemployment insurance "
    "and 200 million work-related injury insurance, up 5 million and 3 million respectively."
)


def _spans():
    ex = reader.extract(article.Article("mine.txt", TEXT, published=dt.date(2026, 3, 3)), keep_spans=True)
    (ann,) = ex.annotated
    return [(s.kind, s.text, s.means) for s in ann.spans()]


def test_a_sentence_has_each_kind_of_span_once_in_text_order():
    spans = _spans()
    assert ("period", "the end of 2025", "2025-12-31") in spans
    assert ("indicator cue", "joined", "participants") in spans
    assert ("scheme", "unemployment insurance", "unemployment_insurance") in spans
    assert ("scheme", "work-related injury insurance", "work_injury_insurance") in spans
    # the two levels are two figures; the two changes after them are one list, of changes
    assert [(k, t) for k, t, _ in spans if k in ("figure", "list", "change")] == [
        ("figure", "300 million"),
        ("figure", "200 million"),
        ("change", "5 million"),
        ("change", "3 million"),
    ]


def test_spans_point_at_the_article_characters():
    ex = reader.extract(article.Article("mine.txt", TEXT, published=dt.date(2026, 3, 3)), keep_spans=True)
    for sp in ex.annotated[0].spans():
        assert TEXT[sp.start : sp.end] == sp.text


def test_spans_are_kept_only_when_asked_for():
    ex = reader.extract(article.Article("mine.txt", TEXT, published=dt.date(2026, 3, 3)))
    assert ex.annotated == []


def test_extract_spans_prints_one_row_per_span(tmp_path, capsys):
    src = tmp_path / "mine.txt"
    src.write_text(TEXT + "\n", encoding="utf-8")
    assert main(["extract", "--spans", "--published", "2026-03-03", str(src)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "source,sentence_start,kind,start,end,text,means"
    assert len(lines) == 1 + len(_spans())
    start = TEXT.index("300 million")
    assert f"mine.txt,0,figure,{start},{start + len('300 million')},300 million,300000000" in lines
