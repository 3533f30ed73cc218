"""Processes of a batch: no worker or kernel outlives the command, however it ends.

``batch`` runs worker processes, each keeping a warm Jupyter kernel. A scheduler may stop
it with SIGTERM, a planner with Ctrl-C (SIGINT), the machine with SIGKILL. Linux's
parent-death signal (``prctl(PR_SET_PDEATHSIG)``) ties each process to its parent:

* a kernel gets SIGKILL when the process that started it (worker, or the command itself
  for a single report) dies, for any reason;
* a worker gets SIGTERM when the command dies, and its handler removes its kernel's
  socket folder and exits at once (its kernel then follows by the rule above);
* the command turns SIGTERM into :class:`Stopped` (SIGINT is ``KeyboardInterrupt``), so
  it can terminate its workers and print what was done before it exits.

Elsewhere than Linux the ``prctl`` steps are skipped and only the handlers act.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from collections.abc import Callable, Iterator

PR_SET_PDEATHSIG = 1


class Stopped(Exception):
    """The command received SIGTERM: stop the workers and leave."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


def die_with_parent(signum: int = signal.SIGKILL) -> None:
    """Ask Linux to send ``signum`` to this process when its parent dies."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, int(signum), 0, 0, 0)
    except (OSError, AttributeError):  # pragma: no cover - no libc prctl
        return
    if os.getppid() == 1:  # the parent died before the request: act now
        os.kill(os.getpid(), signum)


def kernel_preexec() -> None:
    """``preexec_fn`` of a kernel: it dies with the process that started it."""
    die_with_parent(signal.SIGKILL)


def init_worker(on_terminate: Callable[[], None]) -> None:
    """In a worker: die with the command, clean up on SIGTERM, leave Ctrl-C to the command."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)

    def terminated(signum: int, frame: object) -> None:
        with contextlib.suppress(Exception):
            on_terminate()
        os._exit(128 + signum)

    signal.signal(signal.SIGTERM, terminated)
    die_with_parent(signal.SIGTERM)


@contextlib.contextmanager
def stop_on_sigterm() -> Iterator[None]:
    """In the command: SIGTERM raises :class:`Stopped` so cleanup code runs."""

    def stop(signum: int, frame: object) -> None:
        raise Stopped(signum)

    try:
        previous = signal.signal(signal.SIGTERM, stop)
    except ValueError:  # not the main thread (e.g. called from a notebook thread)
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def terminate_children(timeout: float = 5.0) -> None:
    """SIGTERM every worker process of this command, then SIGKILL the ones still alive."""
    import multiprocessing as mp

    children = mp.active_children()
    for child in children:
        with contextlib.suppress(Exception):
            child.terminate()
    for child in children:
        child.join(timeout)
        if child.is_alive():
            with contextlib.suppress(Exception):
                child.kill()
                child.join(1)
