"""One writer at a time: an exclusive lock (flock) on the folder that is written.

Imports lock the project's folder (its `docs/` and `data/` are read and written as a whole: the archive and
home page are made from the issues on disk), builds the folder their output is published in (for `make
build`, the same folder: a build never reads pages an import is writing). A second one waits and says so.
The lock is on the folder itself, so it leaves no file behind, and goes with the process: a killed import
or build never leaves it held.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import sys
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def exclusive(folder: Path, waiting: str, quiet: bool = False) -> Iterator[None]:
    """Hold the lock on `folder` (made if missing) inside the block; when another process holds it, print
    `waiting` (unless `quiet`) to the error output and wait for it."""
    folder.mkdir(parents=True, exist_ok=True)
    handle = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if not quiet:
                print(waiting, file=sys.stderr, flush=True)
            fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)  # and with it the lock
