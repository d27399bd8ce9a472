"""Outputs rendered side by side: results in order, and a child that fails is not trusted."""

from __future__ import annotations

import os
import sys
import threading
import time

import pytest

from broadside.parallel import run_all

pytestmark = pytest.mark.skipif(
    sys.platform != "linux" or len(os.sched_getaffinity(0)) < 2,
    reason="forks only on Linux with more than one core",
)


def test_results_come_back_in_order_from_a_child() -> None:
    here = os.getpid()
    results = run_all([os.getpid, os.getpid, lambda: "third"])
    assert results[0] == here
    assert results[1] != here  # made in a forked child
    assert results[2] == "third"


def test_a_child_that_dies_has_its_job_run_again_here() -> None:
    here = os.getpid()

    def dies_unless_at_home() -> int:
        if os.getpid() != here:
            os._exit(3)
        return here

    assert run_all([lambda: None, dies_unless_at_home]) == [None, here]


def test_an_error_in_a_child_surfaces_as_itself() -> None:
    def fails() -> None:
        raise ValueError(f"failed in {os.getpid()}")

    with pytest.raises(ValueError, match=f"failed in {os.getpid()}$"):
        run_all([lambda: None, fails])  # rerun here: the message names this process


def test_jobs_1_keeps_everything_in_this_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BROADSIDE_JOBS", "1")
    assert set(run_all([os.getpid, os.getpid])) == {os.getpid()}


def test_the_progress_display_does_not_stop_a_fork() -> None:
    """On a terminal the CLI's spinner runs in daemon threads; the flyer must still fork."""
    from broadside.progress import progress

    with progress("typesetting", enabled=True):
        time.sleep(0.5)  # long enough for the spinner to start its threads
        assert threading.active_count() > 1
        results = run_all([os.getpid, os.getpid])
    assert results[1] != os.getpid()


def test_a_thread_that_is_not_a_daemon_keeps_everything_here() -> None:
    release = threading.Event()
    worker = threading.Thread(target=release.wait)
    worker.start()
    try:
        assert set(run_all([os.getpid, os.getpid])) == {os.getpid()}
    finally:
        release.set()
        worker.join()
