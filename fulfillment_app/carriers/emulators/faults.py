"""The fault picker every courier emulator shares: which faults it injects and how often."""

from __future__ import annotations

import random
import threading
from dataclasses import dataclass, field
from typing import ClassVar


@dataclass
class CourierFaults:
    """Which faults to inject and how often (``rate`` of requests, 0 to 1). Each emulator
    subclasses it with the fault names it knows (``KNOWN``) and its own defaults."""

    KNOWN: ClassVar[tuple[str, ...]] = ()

    rate: float = 0.0
    kinds: tuple[str, ...] = ()  # () : every fault the emulator knows
    #: How long a time-out fault holds the answer before the connection is dropped.
    stall_s: float = 1.0
    #: Every answer waits this long first: a slow courier (for progress and the benchmarks).
    latency_s: float = 0.0
    seed: int = 7
    _random: random.Random = field(init=False, repr=False)
    _lock: threading.Lock = field(init=False, repr=False, default_factory=threading.Lock)

    def __post_init__(self) -> None:
        self.kinds = tuple(self.kinds) or self.KNOWN
        unknown = set(self.kinds) - set(self.KNOWN)
        if unknown:
            raise ValueError(f"unknown faults: {', '.join(sorted(unknown))}")
        self._random = random.Random(self.seed)

    def pick(self) -> str | None:
        """One of ``kinds`` with probability ``rate``, else None."""
        with self._lock:
            if not self.kinds or self._random.random() >= self.rate:
                return None
            return self._random.choice(self.kinds)
