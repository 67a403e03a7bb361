"""The process's memory: glibc's allocator told to give freed memory back (see docs/benchmarks.md, Memory).

An hour of interview passes through arrays of every size (decoded frames of a few KB, 300-s feature
blocks of tens of MB) in several threads (recognition, diarization beside it, the runtimes' pools).
glibc keeps what they free: one heap arena per thread (up to 8 a core), and holes in each heap that
it returns to the system only from the top. On the hour that kept 0.1-0.3 GB resident for nothing.
The trims are no-ops where glibc is not the allocator (macOS, musl, Windows). The decoded samples live
in unnamed files mapped back (`mapped`, `spill`): `release` also unmaps the pages read since its last call.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import mmap
import weakref
from functools import lru_cache

M_ARENA_MAX = -8        # mallopt parameter (glibc malloc.h)
ARENAS = 2              # heap arenas for the whole process (glibc's default: up to 8 a core)


@lru_cache(maxsize=1)
def _glibc():
    try:
        name = ctypes.util.find_library("c")
        libc = ctypes.CDLL(name) if name else None
        return libc if libc is not None and hasattr(libc, "mallopt") and hasattr(libc, "malloc_trim") else None
    except OSError:
        return None


def tune_allocator() -> bool:
    """Two heap arenas for all threads, so what one thread frees another reuses. Call early (arenas
    already made are kept). True where it applied (glibc). Only the arena count is set: fixing
    glibc's mmap or trim threshold stops it adapting them, and recognition then faults pages in
    (a 1-MB mmap threshold cost 30% more CPU on the demo recording)."""
    libc = _glibc()
    return bool(libc is not None and libc.mallopt(M_ARENA_MAX, ARENAS))


_MAPPED: "weakref.WeakSet[mmap.mmap]" = weakref.WeakSet()  # the mappings of spilled arrays, while open


def release() -> None:
    """Return the free pages of every heap to the system (after a stage has dropped its arrays), and
    unmap the pages of spilled arrays read since the last call: they stay in the page cache, where the
    next read finds them again, but leave the resident set (an hour's samples, read through by the
    speech analysis and diarization, would otherwise sit in it whole: 230 MB)."""
    libc = _glibc()
    if libc is not None:
        libc.malloc_trim(0)
    for mapping in list(_MAPPED):
        try:
            mapping.madvise(mmap.MADV_DONTNEED)  # a read-only file mapping: nothing lost, pages read back
        except (AttributeError, ValueError, OSError):  # no madvise here (Windows), or closed meanwhile
            pass


def rss_mb() -> float | None:
    """This process's resident set now (MB), from /proc; None where there is no /proc."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def spill(array, folder):
    """`array`, written to an unnamed file in `folder` and mapped back read-only: a reader that wants
    a few seconds here and there of an hour (230 MB of samples) brings back only those pages, and the
    kernel may drop them again. The file has no name (gone when the mapping is), so a crash leaves
    nothing behind. An array already mapped from a file (the samples `audio.decode` wrote into the
    work folder) is returned as it is."""
    import tempfile

    import numpy as np
    if isinstance(array, np.memmap):
        return array
    with tempfile.TemporaryFile(dir=folder) as f:
        np.ascontiguousarray(array).tofile(f)
        return mapped(f, array.dtype, array.shape)


def mapped(file, dtype, shape):
    """The array written to `file` (open, flushed here), mapped back read-only; the mapping keeps the
    file (an unnamed one lives as long as the array or a view of it), and `release` drops its pages."""
    import numpy as np
    file.flush()
    array = np.memmap(file, dtype=dtype, mode="r", shape=shape)
    if getattr(array, "_mmap", None) is not None:
        _MAPPED.add(array._mmap)
    return array
