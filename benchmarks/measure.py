"""Measuring a command as a user runs it: wall time and the peak memory of its process tree."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path


def run(command: list[str], tree: bool = False, capture: bool = False) -> tuple[float, float, str]:
    """Run ``command`` to the end; return (seconds, peak MB, what it printed if ``capture``).

    The peak is the process's own peak RSS, or with ``tree`` the most its whole process tree
    (worker processes too) was seen to hold at once, sampled four times a second (which costs
    some CPU: time short runs without it).
    """
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE if capture else subprocess.DEVNULL, text=True)
    peak = 0
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG if tree else 0)
        if pid:
            break
        peak = max(peak, tree_pss(process.pid))
        time.sleep(0.25)
    seconds = time.perf_counter() - started
    assert os.waitstatus_to_exitcode(status) == 0, command
    return seconds, max(peak, usage.ru_maxrss * 1024) / 2**20, process.stdout.read() if capture else ""


def tree_pss(root: int) -> int:
    """Memory of ``root`` and all its descendants, in bytes, from /proc: proportional set sizes,
    so pages forked workers share with their parent are counted once, not once per process."""
    parents, sizes = {}, {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            rollup = (stat.parent / "smaps_rollup").read_text()
        except OSError:
            continue
        pid = int(stat.parent.name)
        parents[pid] = int(fields[1])
        sizes[pid] = next((int(line.split()[1]) * 1024 for line in rollup.splitlines()
                           if line.startswith("Pss:")), 0)
    tree, grew = {root}, True
    while grew:
        grew = False
        for pid, parent in parents.items():
            if parent in tree and pid not in tree:
                tree.add(pid)
                grew = True
    return sum(sizes.get(pid, 0) for pid in tree)
