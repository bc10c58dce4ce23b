"""The labelled posts the impersonation guard is measured on (corpus/*.tsv).

tuning.tsv is what the rules were written against; held_out.tsv was written before the rules
and is only ever measured, never tuned to. held_out_2.tsv was written after the first set's
miss had been seen and fixed, before the rules changed again; held_out_3.tsv, held_out_4.tsv and
held_out_5.tsv likewise, each committed before the rules it measures (docs/community.md).
held_out_6.tsv to held_out_12.tsv were each written by someone who had seen neither the rules
nor any other set, committed, measured once, then fixed: their figures as first measured are
in docs/community.md; what the tests keep of them since is seen.

A post is one line; a literal ``\\n`` in its text stands for a line break, since people split
words across lines to slip past filters and a tab-separated line cannot hold one.
"""

from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).parent / "corpus"


@dataclass(frozen=True)
class Sample:
    held: bool
    text: str


def load(name: str) -> list[Sample]:
    samples = []
    for line in (HERE / f"{name}.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        label, text = line.split("\t", 1)
        assert label in ("hold", "ok"), line
        samples.append(Sample(held=label == "hold", text=text.replace("\\n", "\n")))
    return samples
