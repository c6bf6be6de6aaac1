"""The lexicon's own phrase scanner against spaCy's PhraseMatcher, on every sentence of the corpus.

Issue 8 asks whether spaCy's tokenizer with its rule matchers (no statistical model) should find
the lexicon's phrases instead of `kg.extract.lexicon.Matcher`. This script decides it by
measurement, on the same phrases (the ontology's, as `lexicon.load()` reads them) and the same
sentences (`text.split_sentences` of ../shared/corpus/*.txt and seeds/*.txt):

- agreement: precision and recall of spaCy's spans (start, end, keys) against the project's, per
  phrase set, with a few disagreements to show why;
- cold start: wall time of fresh processes that import and build the matchers (median, the two
  kinds alternated so that a drift of the machine's speed hits both);
- throughput: sentences/s and articles/s scanning all seven phrase sets, warm (matchers built) and
  every article cold (what either side remembers of earlier texts forgotten), median of rounds; the
  anchor is the project's own scanner measured in the same run. spaCy's tokenizer remembers how it
  split each chunk of text, so it is also timed as one build reads the articles: in turn, its memory
  kept from one article to the next.

spaCy is given the project's matching rules where its tokens allow them, so that what differs is
the engine, not the rules: the lexicon lists plural forms as phrases of their own (its matcher does
not stem them), so both get exactly those phrases; a phrase's hyphen may be written as a space and
its apostrophe as a typographic one; a soft line break inside a sentence is a space; a phrase
joined to a word or hyphen on either side ('pension-linked') is no match, as in the project.
Three kinds: [1] a PhraseMatcher (attr LOWER) per set fed each spelling of each phrase, the line
breaks replaced in place (offsets kept), overlapping spans left to spaCy's `filter_spans` (the
longest wins); [2] the same keeping what the project keeps (from left to right the longest at each
start, and an overlapping one that ends beyond it); [3] a token Matcher per set whose patterns say
the spellings themselves (hyphen optional, whitespace tokens skipped), overlaps as [2]. SpanRuler
is spaCy's pipeline component around these same two matchers and a filter, so [1]-[3] measure it.

Install spaCy with `pip install -e '.[bench]'` (no model is needed: `spacy.blank("en")`).
Usage: python benchmarks/phrase_matching.py [--rounds N] [--cold N] [--articles N] [--examples N]
"""

from __future__ import annotations

import argparse
import itertools
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from kg.extract import article, lexicon, text

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
SETS = ("schemes", "scheme_coord", "scheme_cues", "indicator_cues", "event_cues", "areas", "orgs")

Span = tuple[int, int, tuple[str, ...]]  # start, end (in the sentence), keys
Found = dict[str, list[Span]]  # phrase set -> spans


def article_files(limit: int | None = None) -> list[Path]:
    paths = sorted(CORPUS.glob("*.txt")) + article.seed_files(ROOT / "seeds")
    return paths[:limit] if limit else paths


def articles(paths: Iterable[Path]) -> list[list[str]]:
    """Each article as its sentences' texts."""
    return [[s.text for s in text.split_sentences(article.read_text(p))] for p in paths]


def matchers(lex: lexicon.Lexicon) -> dict[str, lexicon.Matcher]:
    return {name: getattr(lex, name) for name in SETS}


class Project:
    """The anchor: the lexicon's scanner, as extraction calls it (one pass for all sets, then each set's
    matches), and each set's own `Matcher.find` as the reference for agreement."""

    def __init__(self, lex: lexicon.Lexicon) -> None:
        self.lex = lex
        self.sets = matchers(lex)

    def warm(self) -> None:
        self.lex.scan("warm")  # compiles every set's index and the combined one
        for m in self.sets.values():
            m.find("warm")

    def find(self, sentence: str) -> Found:
        """Each set's own matches (nothing remembered: the scan's, if any, are forgotten first)."""
        lexicon.forget(self.lex)
        return {name: [(x.start, x.end, x.keys) for x in m.find(sentence)] for name, m in self.sets.items()}

    def scanned(self, sentence: str) -> Found:
        """The same through the one pass extraction makes; it should give the same spans."""
        lexicon.forget(self.lex)
        self.lex.scan(sentence)
        return {name: [(x.start, x.end, x.keys) for x in m.find(sentence)] for name, m in self.sets.items()}

    def scan(self, arts: Sequence[Sequence[str]]) -> None:
        """As extraction scans: one pass for all sets, then each set's matches; every article cold,
        as in benchmarks/extract_speed.py."""
        for sentences in arts:
            lexicon.forget(self.lex)
            for s in sentences:
                self.lex.scan(s)
                for m in self.sets.values():
                    m.find(s)

    def find_each(self, arts: Sequence[Sequence[str]]) -> None:
        """Seven separate passes, one per set (what spaCy's side does too)."""
        for sentences in arts:
            lexicon.forget(self.lex)
            for s in sentences:
                for m in self.sets.values():
                    m.find(s)


def spellings(phrase: str) -> list[str]:
    """The spellings the project's matcher accepts for a phrase that spaCy compares token by token:
    each hyphen as a hyphen or a space, the apostrophe plain or typographic."""
    parts = phrase.split("-")
    out = set()
    for joins in itertools.product("- ", repeat=len(parts) - 1):
        word = parts[0] + "".join(j + p for j, p in zip(joins, parts[1:], strict=True))
        out |= {word, word.replace("'", "\u2019")}
    return sorted(out)


class Spacy:
    """spaCy's blank English tokenizer and one PhraseMatcher (attr LOWER) per phrase set."""

    def __init__(self, sets: dict[str, lexicon.Matcher], overlaps: bool = False, tokens: bool = False) -> None:
        """One PhraseMatcher (attr LOWER) per phrase set, fed every spelling of each phrase; or with
        `tokens`, one token Matcher per set whose patterns say the spellings instead."""
        import spacy
        from spacy.matcher import Matcher, PhraseMatcher
        from spacy.util import filter_spans

        self.nlp = spacy.blank("en")
        self.tokenizer: Any = self.nlp.tokenizer  # its cache is emptied through a private method
        self.keep = _left_to_right if overlaps else filter_spans
        self.tokens = tokens
        self.sets: dict[str, Any] = {}
        self.keys: dict[int, tuple[str, ...]] = {}
        for name, m in sets.items():
            matcher: Any = Matcher(self.nlp.vocab) if tokens else PhraseMatcher(self.nlp.vocab, attr="LOWER")
            for phrase, keys in m.phrases.items():
                label = f"{name}:{phrase}"
                if tokens:
                    matcher.add(label, [self._pattern(phrase)])
                else:
                    matcher.add(label, [self.nlp.make_doc(s) for s in spellings(phrase)])
                self.keys[self.nlp.vocab.strings[label]] = tuple(sorted(keys))
            self.sets[name] = matcher

    def _pattern(self, phrase: str) -> list[dict[str, Any]]:
        """A token pattern for the project's spellings: whitespace tokens (a line break, a double space)
        may come between the words, a hyphen may be missing, an apostrophe may be typographic."""
        out: list[dict[str, Any]] = []
        for t in self.nlp.make_doc(phrase):
            if out:
                out.append({"IS_SPACE": True, "OP": "*"})
            if t.text == "-":
                out.append({"ORTH": "-", "OP": "?"})
            elif "'" in t.lower_:
                out.append({"LOWER": {"IN": [t.lower_, t.lower_.replace("'", "\u2019")]}})
            else:
                out.append({"LOWER": t.lower_})
        return out

    def find(self, sentence: str) -> Found:
        from spacy.tokens import Span as SpacySpan

        # a soft line break is a space, as the project's \s+ reads it (the token patterns skip it)
        flat = sentence if self.tokens else sentence.replace("\n", " ")
        doc = self.nlp.make_doc(flat)
        out: Found = {}
        for name, matcher in self.sets.items():
            spans = [
                SpacySpan(doc, s, e, label=mid)
                for mid, s, e in matcher(doc)
                if _free(flat, doc[s].idx, doc[e - 1].idx + len(doc[e - 1]))
            ]
            out[name] = [(sp.start_char, sp.end_char, self.keys[sp.label]) for sp in self.keep(spans)]
        return out

    def scan_cold(self, arts: Sequence[Sequence[str]]) -> None:
        """Every article cold: the tokenizer remembers the chunks it has split (words with their
        punctuation); that memory is emptied before each article, as the project's matchers forget."""
        for sentences in arts:
            self.tokenizer._flush_cache()
            for s in sentences:
                self.find(s)

    def scan_build(self, arts: Sequence[Sequence[str]]) -> None:
        """The articles in turn in one fresh process, as a build reads them: the memory is emptied once,
        so a later article finds the words of the earlier ones split already."""
        self.tokenizer._flush_cache()
        for sentences in arts:
            for s in sentences:
                self.find(s)

    def tokenize_cold(self, arts: Sequence[Sequence[str]]) -> None:
        """The tokenizer alone, every article cold."""
        for sentences in arts:
            self.tokenizer._flush_cache()
            for s in sentences:
                self.nlp.make_doc(s.replace("\n", " "))


def _left_to_right(spans: list[Any]) -> list[Any]:
    """The project's rule instead of `filter_spans`: from left to right the longest span at each
    start, and a span that overlaps the last kept one counts if it ends beyond it."""
    out: list[Any] = []
    for sp in sorted(spans, key=lambda sp: (sp.start, -len(sp))):
        if not out or sp.end > out[-1].end:
            out.append(sp)
    return out


def _joined(ch: str) -> bool:
    return ch.isalnum() or ch in "_-"


def _free(sentence: str, start: int, end: int) -> bool:
    """Not glued to a word or a hyphen on either side: the project's (?<![\\w-]) ... (?![\\w-])."""
    return not (start and _joined(sentence[start - 1])) and not (end < len(sentence) and _joined(sentence[end]))


Hits = dict[str, set[tuple[int, int, Span]]]  # phrase set -> (article, sentence, span)


def _collect(arts: list[list[str]], find: Callable[[str], Found]) -> Hits:
    hits: Hits = {n: set() for n in SETS}
    for a, sents in enumerate(arts):
        for i, s in enumerate(sents):
            for name, spans in find(s).items():
                hits[name] |= {(a, i, sp) for sp in spans}
    return hits


def _pr(ours: set[Any], theirs: set[Any]) -> str:
    both = len(ours & theirs)
    return f"{len(theirs):>11}{both / len(theirs) if theirs else 1:>7.3f}{both / len(ours) if ours else 1:>7.3f}"


def agreement(arts: list[list[str]], project: Project, kinds: dict[str, Spacy], examples: int) -> None:
    """Precision and recall of each spaCy kind's spans against the project's Matcher.find, per set."""
    ours = _collect(arts, project.find)
    scan_differs = sum(project.scanned(s) != project.find(s) for sents in arts for s in sents)
    theirs = {k: _collect(arts, sp.find) for k, sp in kinds.items()}
    n_sent = sum(len(s) for s in arts)
    print(f"agreement: spaCy's spans (start, end, keys) against the project's Matcher.find, {n_sent} sentences")
    print(f"  (the project's one-pass scan gives other spans than Matcher.find in {scan_differs} sentences)")
    print("  " + "; ".join(f"[{i + 1}] {k}" for i, k in enumerate(kinds)))
    head = "".join(f"{f'[{i + 1}] spans':>11}{'P':>7}{'R':>7}" for i in range(len(kinds)))
    print(f"  {'phrase set':<15}{'phrases':>8}{'project':>8}{head}")
    for name in [*SETS, "all"]:
        names = SETS if name == "all" else (name,)
        p = set().union(*(ours[n] for n in names))
        size = "" if name == "all" else len(project.sets[name].phrases)
        cells = "".join(_pr(p, set().union(*(t[n] for n in names))) for t in theirs.values())
        print(f"  {name:<15}{size:>8}{len(p):>8}{cells}")
    sentences = {(a, i): s for a, sents in enumerate(arts) for i, s in enumerate(sents)}
    for i, t in enumerate(theirs.values()):
        print(f"  disagreements of [{i + 1}] (at most {examples} per set and side):")
        shown = 0
        for name in SETS:
            for who, extra in (("project only", ours[name] - t[name]), ("spaCy only", t[name] - ours[name])):
                for a, j, (start, end, keys) in sorted(extra)[:examples]:
                    s = sentences[a, j]
                    window = s[max(0, start - 30) : end + 30].replace("\n", " ")
                    print(f"    {name}, {who}: {s[start:end]!r} {keys} in ...{window}...")
                    shown += 1
        if not shown:
            print("    none")


def _seconds(run: Callable[[list[list[str]]], None], arts: list[list[str]]) -> float:
    """Wall time of scanning every article once."""
    t = time.perf_counter()
    run(arts)
    return time.perf_counter() - t


def throughput(arts: list[list[str]], project: Project, kinds: dict[str, Spacy], rounds: int) -> None:
    n_sent = sum(len(s) for s in arts)
    first = next(iter(kinds.values()))
    runs: dict[str, Callable[[list[list[str]]], None]] = {
        "project, one pass for all sets (extraction's scan)": project.scan,
        "project, Matcher.find per set": project.find_each,
        **{f"[{i + 1}] spaCy, tokenizer + 7 matchers": k.scan_cold for i, k in enumerate(kinds.values())},
        "[1], one build: the tokenizer's memory kept": first.scan_build,
        "spaCy, tokenizer alone": first.tokenize_cold,
    }
    times: dict[str, list[float]] = {k: [] for k in runs}
    for _ in range(rounds):  # interleaved, so that a drift of the machine's speed hits every kind alike
        for k, run in runs.items():
            times[k].append(_seconds(run, arts))
    anchor = times[next(iter(runs))]
    print(f"throughput: {len(arts)} articles, {n_sent} sentences, warm; medians of {rounds} rounds (times, ratios)")
    for k, ts in times.items():
        med = statistics.median(ts)
        ratio = statistics.median(t / a for t, a in zip(ts, anchor, strict=True))
        print(
            f"  {k:<52}{n_sent / med:>9,.0f} sentences/s{len(arts) / med:>7,.0f} articles/s"
            f"  {ratio:.2f}x the first's time (min {min(ts) * 1e3:.0f} ms, max {max(ts) * 1e3:.0f} ms)"
        )


def cold(kind: str) -> None:
    """What a fresh process pays before its first sentence: imports, the lexicon, built matchers.
    Prints its peak resident memory (KiB) for the parent: VmHWM, since ru_maxrss keeps the forking
    parent's peak across exec."""
    project = Project(lexicon.load())
    project.warm()
    if kind == "spacy":
        Spacy(project.sets).find("warm")
    status = Path("/proc/self/status")
    lines = status.read_text().splitlines() if status.exists() else []
    hwm = [line.split()[1] for line in lines if line.startswith("VmHWM:")]
    print(hwm[0] if hwm else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def _child_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def cold_start(runs: int) -> None:
    kinds = {"project": "project matchers", "spacy": "+ spaCy's PhraseMatchers"}
    wall: dict[str, list[float]] = {k: [] for k in kinds}
    cpu: dict[str, list[float]] = {k: [] for k in kinds}
    peak: dict[str, list[int]] = {k: [] for k in kinds}
    for _ in range(runs + 1):  # the first pair warms the disk cache and is not counted
        for kind in kinds:
            c, t = _child_cpu(), time.perf_counter()
            done = subprocess.run(
                [sys.executable, __file__, "--cold-child", kind], check=True, capture_output=True, text=True
            )
            wall[kind].append(time.perf_counter() - t)
            cpu[kind].append(_child_cpu() - c)
            peak[kind].append(int(done.stdout.split()[-1]))
    print(f"cold start: a fresh process imports and builds the matchers; median of {runs} runs each, alternated")
    for kind, label in kinds.items():
        w, u = wall[kind][1:], cpu[kind][1:]
        print(
            f"  {label:<26} wall {statistics.median(w):.2f} s (min {min(w):.2f}), cpu {statistics.median(u):.2f} s,"
            f" peak {max(peak[kind]) / 1024:.0f} MiB"
        )
    ratio = statistics.median(s / p for p, s in zip(wall["project"][1:], wall["spacy"][1:], strict=True))
    extra = statistics.median(cpu["spacy"][1:]) - statistics.median(cpu["project"][1:])
    print(f"  spaCy adds {extra:.2f} s of cpu; wall ratio {ratio:.2f} (median of pairs)")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--rounds", type=int, default=20, help="throughput rounds (default 20)")
    ap.add_argument("--cold", type=int, default=7, help="fresh processes of each kind (default 7; 0 skips)")
    ap.add_argument("--articles", type=int, default=None, help="only the first N articles")
    ap.add_argument("--examples", type=int, default=3, help="disagreements shown per set and side (default 3)")
    ap.add_argument("--cold-child", choices=["project", "spacy"], help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.cold_child:  # before spaCy is imported: the project's kind must not pay for it
        cold(args.cold_child)
        return 0
    try:
        import spacy
    except ImportError:
        print("phrase_matching: spaCy is not installed; pip install -e '.[bench]'", file=sys.stderr)
        return 2
    arts = articles(article_files(args.articles))
    project = Project(lexicon.load())
    project.warm()
    kinds = {
        "PhraseMatcher + filter_spans": Spacy(project.sets),
        "PhraseMatcher + the project's overlap rule": Spacy(project.sets, overlaps=True),
        "token Matcher + the project's overlap rule": Spacy(project.sets, overlaps=True, tokens=True),
    }
    print(f"spaCy {spacy.__version__}, blank English tokenizer; Python {sys.version.split()[0]}")
    agreement(arts, project, kinds, args.examples)
    throughput(arts, project, kinds, args.rounds)
    if args.cold:
        cold_start(args.cold)
    return 0


if __name__ == "__main__":
    sys.exit(main())
