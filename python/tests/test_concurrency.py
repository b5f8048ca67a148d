"""parse_many releases the GIL, and works in a process forked after an earlier call."""

from __future__ import annotations

import os
import signal
import sys
import threading
import time

import pytest

import gongkai


@pytest.fixture(scope="module")
def batch(text_paths):
    texts = [p.read_text(encoding="utf-8") for p in text_paths]
    return texts


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")
def test_forked_child_can_run_parse_many_after_the_parent_did(batch) -> None:
    parent = gongkai.parse_many(batch, threads=2)  # the parent has run a pool
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: must neither hang nor crash
        code = 1
        try:
            os.close(read_fd)
            child = gongkai.parse_many(batch, threads=2)
            child_one = gongkai.parse_many(batch[:3], threads=1)
            ok = child == parent and child_one == parent[:3]
            os.write(write_fd, b"same" if ok else b"different")
            code = 0
        finally:
            os._exit(code)
    os.close(write_fd)
    deadline = time.monotonic() + 60
    status = None
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        time.sleep(0.05)
    else:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(read_fd)
        pytest.fail("the forked child hung in parse_many")
    answer = os.read(read_fd, 100)
    os.close(read_fd)
    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0, status
    assert answer == b"same"


@pytest.mark.parametrize("threads", [1, 2])
def test_gil_is_released_during_parse_many(batch, threads: int) -> None:
    items = batch * 1
    # Make the call last long enough to observe (≥ ~0.3 s on this machine whatever the core does).
    start = time.perf_counter()
    gongkai.parse_many(items, threads=threads)
    once = time.perf_counter() - start
    repeat = max(1, min(400, int(0.3 / max(once, 1e-4)) + 1))
    items = batch * repeat

    window = {}
    done = threading.Event()

    def work() -> None:
        window["start"] = time.perf_counter()
        gongkai.parse_many(items, threads=threads)
        window["end"] = time.perf_counter()
        done.set()

    ticks = []
    old = sys.getswitchinterval()
    sys.setswitchinterval(0.001)
    try:
        worker = threading.Thread(target=work)
        worker.start()
        while not done.is_set():
            ticks.append(time.perf_counter())
            time.sleep(0.001)
        worker.join()
    finally:
        sys.setswitchinterval(old)
    start, end = window["start"], window["end"]
    length = end - start
    inside = [t for t in ticks if start + 0.1 * length < t < end - 0.1 * length]
    # With the GIL held for the whole call, this thread could not run at all in that window.
    assert length > 0.05, length
    assert len(inside) >= 10, (len(inside), length)
