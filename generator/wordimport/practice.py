"""Which 特色做法 a 简报 belongs to, from the words it uses: each practice's keywords, its name and what its name
quotes (as the report writes them: “三同三异”), counted in the headline (three times) and the body. Only a clear
winner is a guess; otherwise the editor chooses."""

from __future__ import annotations

import re
from dataclasses import dataclass

_QUOTED = re.compile(r"[“\"「『]([^”\"」』]{2,12})[”\"」』]")


@dataclass(frozen=True, slots=True)
class Practice:
    id: str
    title: str
    words: tuple[str, ...]

    @classmethod
    def of(cls, pid: str, title: str, keywords: list[str]) -> Practice:
        return cls(pid, title, tuple(dict.fromkeys([*keywords, *_QUOTED.findall(title), title])))


@dataclass(frozen=True, slots=True)
class Guess:
    practice: Practice | None
    word: str | None  # the word that weighed most
    tied: tuple[Practice, ...] = ()


def guess(title: str, body: str, practices: list[Practice]) -> Guess:
    scored = []
    for p in practices:
        counts = {w: 3 * title.count(w) + body.count(w) for w in p.words if w}
        total = sum(counts.values())
        if total:
            scored.append((total, p, max(counts, key=counts.get)))
    scored.sort(key=lambda s: -s[0])
    if not scored:
        return Guess(None, None)
    if len(scored) > 1 and scored[1][0] == scored[0][0]:
        return Guess(None, None, tuple(p for n, p, _ in scored if n == scored[0][0]))
    return Guess(scored[0][1], scored[0][2])
