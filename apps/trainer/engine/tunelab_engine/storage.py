"""A full disk is a failure with a name: DISK_FULL, the directory, the bytes needed and free, and what to do.

Writers fail in different ways when the disk fills up: Python's own I/O raises OSError with errno ENOSPC (EDQUOT
past a quota, EFBIG past a file size limit), safetensors raises its own error quoting "os error 28", and torch.save
a RuntimeError from its zip writer that names no cause at all. So a failed write is judged by its error first and,
failing that, by the disk itself: fewer bytes free than the write needed (measured before the partial file is
removed, while it still fills the disk) means the disk was full.
"""

from __future__ import annotations

import contextlib
import errno
import re
import shutil
from pathlib import Path
from typing import Iterator

from .errors import EngineError, ErrorCode

FULL_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG})
# Rust (safetensors, tokenizers) and C++ libraries quote the OS error in their message.
FULL_TEXT = re.compile(r"no space left on device|disk quota exceeded|file too large|os error (28|122|27)\b", re.I)
# Without a size to compare with, a disk with less than this free is taken to be full.
NEARLY_FULL_BYTES = 1 << 20


def free_bytes(path: Path) -> int | None:
    """Bytes free on the filesystem holding `path` (or its nearest existing parent); None if it cannot be read."""
    probe = Path(path)
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    try:
        return shutil.disk_usage(probe).free
    except OSError:
        return None


def _chain(error: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__


def says_disk_full(error: BaseException) -> bool:
    """Whether the error (or one it was raised from) itself says the disk is full."""
    for link in _chain(error):
        if isinstance(link, OSError) and link.errno in FULL_ERRNOS:
            return True
        if FULL_TEXT.search(str(link)):
            return True
    return False


def is_disk_full(error: BaseException, directory: Path, needed: int | None = None) -> bool:
    """A failed write into `directory`: did the disk run out? Call it before removing what was partly written."""
    if isinstance(error, EngineError):
        return error.code is ErrorCode.DISK_FULL
    if says_disk_full(error):
        return True
    if not isinstance(error, (OSError, RuntimeError)) and type(error).__name__ != "SafetensorError":
        return False
    free = free_bytes(directory)
    return free is not None and free < (needed if needed is not None else NEARLY_FULL_BYTES)


def human_bytes(count: int) -> str:
    for unit, size in (("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if count >= size:
            return f"{count / size:.1f} {unit}"
    return f"{count} bytes"


def disk_full(directory: Path, *, what: str, needed: int | None = None, keeps: str | None = None) -> EngineError:
    """The DISK_FULL error: where, how much, and the fix. `keeps`: what is still intact (e.g. the last checkpoint)."""
    free = free_bytes(directory)
    amounts = []
    if needed is not None:
        amounts.append(f"about {human_bytes(needed)} needed")
    if free is not None:
        amounts.append(f"{human_bytes(free)} free")
    size = f" ({', '.join(amounts)})" if amounts else ""
    kept = f"; {keeps} is intact" if keeps else ""
    message = (f"no space left on the disk of {directory} while writing {what}{size}{kept}. Free space on that disk "
               f"(or give the run an outputDir on a larger one), then resume the run")
    return EngineError(ErrorCode.DISK_FULL, message, path=str(directory), bytesNeeded=needed, bytesFree=free)


@contextlib.contextmanager
def disk_writes(directory: Path, *, what: str, needed: int | None = None) -> Iterator[None]:
    """Turns a failure of the writes inside into DISK_FULL when the disk is full; re-raises anything else."""
    try:
        yield
    except EngineError:
        raise
    except Exception as error:
        if is_disk_full(error, directory, needed):
            raise disk_full(directory, what=what, needed=needed) from error
        raise
