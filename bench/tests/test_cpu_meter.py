"""The load run's CPU meter: what the machine spent beyond the server's own processes, and
the time it sat idle waiting for the disk."""

import os

import pytest

from bench import load
from bench.load import CpuMeter


def test_the_rest_of_the_machines_cpu_is_what_app_and_database_did_not_spend(monkeypatch):
    ticks = iter([(1_000, 10, 7), (1_000 + 3 * load._TICK, 10 + load._TICK // 2, 7 + load._TICK)])
    monkeypatch.setattr(load, "_machine_ticks", lambda: next(ticks))
    monkeypatch.setattr(CpuMeter, "_snapshot", lambda self: ({}, {}))
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    clock = iter([100.0, 102.0])
    monkeypatch.setattr(load.time, "monotonic", lambda: next(clock))
    meter = CpuMeter(server_pid=0, postgres=False)

    meter.begin()
    meter.end()
    other, steal = meter.other(app=1.5, db=0.5)

    # Three busy seconds, of which the app and the database spent two.
    assert other == pytest.approx(1.0)
    # Half a second stolen of two CPUs over two seconds.
    assert steal == pytest.approx(0.125)
    # A second spent waiting for the disk, of two CPUs over two seconds.
    assert meter.iowait() == pytest.approx(0.25)


def test_the_rest_is_never_negative_when_the_counters_round_differently(monkeypatch):
    ticks = iter([(0, 0, 0), (load._TICK, 0, 0)])
    monkeypatch.setattr(load, "_machine_ticks", lambda: next(ticks))
    monkeypatch.setattr(CpuMeter, "_snapshot", lambda self: ({}, {}))
    meter = CpuMeter(server_pid=0, postgres=False)

    meter.begin()
    meter.end()

    assert meter.other(app=1.2, db=0.0)[0] == 0.0


def test_the_machine_counters_are_read_from_proc_stat():
    busy, stolen, iowait = load._machine_ticks()

    if not os.path.exists("/proc/stat"):
        assert (busy, stolen, iowait) == (0, 0, 0)
    else:
        assert busy > 0
        assert stolen >= 0
        assert iowait >= 0
