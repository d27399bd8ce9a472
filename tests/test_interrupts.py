"""Ctrl-C and SIGTERM wait while a step that must not stop half-way runs, then take effect."""

from __future__ import annotations

import os
import signal

import pytest

from broadside.interrupts import deferred


def test_ctrl_c_waits_until_the_step_is_done() -> None:
    steps = []
    with pytest.raises(KeyboardInterrupt):
        with deferred():
            os.kill(os.getpid(), signal.SIGINT)
            steps.append("after the signal")  # still runs: the signal is held
        steps.append("after the block")  # never runs: the signal is delivered at its end
    assert steps == ["after the signal"]
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_a_step_inside_another_holds_the_signal_until_the_outer_one_ends() -> None:
    steps = []
    with pytest.raises(KeyboardInterrupt), deferred():
        with deferred():
            os.kill(os.getpid(), signal.SIGINT)
        steps.append("outer step goes on")
    assert steps == ["outer step goes on"]


def test_without_a_signal_nothing_happens() -> None:
    before = signal.getsignal(signal.SIGTERM)
    with deferred():
        pass
    assert signal.getsignal(signal.SIGTERM) is before
