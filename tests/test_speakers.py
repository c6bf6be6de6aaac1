"""Who said it (kg/extract/people.py): a sentence's own attribution, else the speaker its paragraph gave
before it, until another speaker takes over; a body that is no person ends the person's turn. The
reporters are credited only with what no speaker presents. (Texts and figures of our own.)"""

from __future__ import annotations

import datetime as dt

import pytest

BRIEFING = """Coverage keeps growing

BEIJING, May 6 (Xinhua) -- Wang Fang, spokesperson of the ministry, said at the briefing on Tuesday
that 12.5 million people had joined the scheme by the end of April. Of them, 3.1 million lived in rural areas.
Zhao Lei, a deputy director of the ministry, added that 410,000 more had asked to join. The number of applications rose
by 9 percent in April.

Wang Fang introduced that 6.6 million people drew benefits by the end of April. According to the ministry's
own survey, 72 percent of them were satisfied.

In April, 1.9 million cards were issued.
"""


@pytest.fixture(scope="module")
def speakers(tmp_path_factory) -> dict[str, str]:
    from kg.extract import article, extract

    path = tmp_path_factory.mktemp("speakers") / "briefing.txt"
    path.write_text(BRIEFING, encoding="utf-8")
    ex = extract(article.load(path, dt.date(2031, 5, 6)))
    return {f.as_written: f.speaker for f in ex.facts if f.value is not None}


@pytest.mark.parametrize(
    ("figure", "speaker"),
    [
        ("12.5 million", "Wang Fang"),  # the sentence that names her
        ("3.1 million", "Wang Fang"),  # the next sentence of her paragraph
        ("410,000", "Zhao Lei"),  # another speaker takes over
        ("9 percent", "Zhao Lei"),  # and keeps the floor to the paragraph's end
        ("6.6 million", "Wang Fang"),  # 'X introduced that ...'
        ("72 percent", ""),  # 'according to the ministry's survey': no person's figure
        ("1.9 million", ""),  # a paragraph of its own: the reporters'
    ],
)
def test_the_paragraphs_speaker_is_credited_until_another_takes_over(speakers, figure, speaker):
    assert speakers[figure] == speaker, speakers
