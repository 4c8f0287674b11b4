"""The common ending of every benchmark: what was measured against what it should be, PASS or
FAIL on each line, and exit status 1 when anything failed, so that ``run_all.py`` (or a CI job)
can tell a regression without reading the tables.

    report = Report()
    report.check("ZPL shipping label, p95", f"{ms:.2f} ms", "< 5 ms", ms < 5)
    report.info("ZPL size of one label", "2,310 bytes")
    report.finish()  # prints the table and exits 1 on any FAIL
"""

from __future__ import annotations

import os
import platform
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field


def machine(extra: str = "") -> str:
    """One line saying where the figures come from (they mean little without it)."""
    load = ""
    if hasattr(os, "getloadavg"):
        load = ", load {:.1f} {:.1f} {:.1f}".format(*os.getloadavg())
    line = (
        f"machine: {platform.machine()}, {os.cpu_count()} cores{load}, "
        f"Python {platform.python_version()}"
    )
    return f"{line}; {extra}" if extra else line


def table(rows: Sequence[Sequence[str]], header: Sequence[str]) -> str:
    """Left-aligned columns, a rule under the header."""
    widths = [max(len(str(r[i])) for r in (header, *rows)) for i in range(len(header))]
    lines = ["  ".join(str(c).ljust(w) for c, w in zip(header, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    for row in rows:
        lines.append("  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
    return "\n".join(lines)


@dataclass
class Report:
    """The verdicts of one benchmark run."""

    rows: list[tuple[str, str, str, str]] = field(default_factory=list)
    failed: int = 0

    def check(self, measure: str, result: str, target: str, passed: bool) -> bool:
        """A measure with a target: PASS or FAIL."""
        self.rows.append((measure, result, target, "PASS" if passed else "FAIL"))
        self.failed += not passed
        return passed

    def info(self, measure: str, result: str) -> None:
        """A figure shown for context, with no target of its own."""
        self.rows.append((measure, result, "", ""))

    def render(self) -> str:
        return table(self.rows, ("measure", "result", "target", "verdict"))

    def finish(self, title: str = "") -> None:
        """Print the verdicts and the overall result, and exit (status 1 on any FAIL)."""
        print(f"\n{title or 'Targets'}")
        print(self.render())
        checks = sum(1 for r in self.rows if r[3])
        if self.failed:
            print(f"\nFAIL: {self.failed} of {checks} target(s) missed")
        else:
            print(f"\nPASS: all {checks} target(s) met")
        sys.stdout.flush()
        sys.exit(1 if self.failed else 0)
