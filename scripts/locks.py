"""One writer at a time: an exclusive lock (flock) on a file beside what is written.

Imports lock the project (its `docs/` and `data/` are read and written as a whole: the archive and home
page are made from the issues on disk), builds lock their output. A second one waits and says so; the lock
goes with the process, so a killed import or build never leaves it held.
"""

from __future__ import annotations

import contextlib
import fcntl
import sys
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def exclusive(path: Path, waiting: str, quiet: bool = False) -> Iterator[None]:
    """Hold the lock on `path` inside the block; when another process holds it, print `waiting` (unless
    `quiet`) to the error output and wait for it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if not quiet:
                print(waiting, file=sys.stderr, flush=True)
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
