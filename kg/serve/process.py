"""Run `pension-kg serve` (or an Oxigraph server) as a child process on a free loopback port.

Tests and the load benchmark talk to the server the way users do, over HTTP to a real process, so
they need to start one, wait until it answers and always stop it, even when they fail.
"""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import httpx

LOOPBACK = "127.0.0.1"


class ServerFailed(RuntimeError):
    """The child process exited or did not answer in time; the message holds what it printed."""


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((LOOPBACK, 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def _child(cmd: list[str], probe: str, cwd: Path | None, ready_timeout: float) -> Iterator[subprocess.Popen]:
    with tempfile.TemporaryFile() as log:
        proc = subprocess.Popen(cmd, cwd=cwd, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT)
        try:
            _wait(proc, probe, ready_timeout, log)
            yield proc
        finally:
            _stop(proc)


def _wait(proc: subprocess.Popen, probe: str, ready_timeout: float, log) -> None:
    deadline = time.monotonic() + ready_timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            break
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(probe, timeout=2, headers={"Accept": "text/turtle"}).status_code < 500:
                return
        time.sleep(0.1)
    log.seek(0)
    said = log.read().decode("utf-8", "replace").strip()
    state = f"exited with {proc.returncode}" if proc.poll() is not None else f"gave no answer in {ready_timeout:g} s"
    raise ServerFailed(f"{' '.join(cmd_name(proc))} {state}: {said}")


def cmd_name(proc: subprocess.Popen) -> list[str]:
    return [str(a) for a in proc.args] if isinstance(proc.args, list) else [str(proc.args)]


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)


@contextlib.contextmanager
def serve(*args: str, cwd: Path | None = None, ready_timeout: float = 120.0) -> Iterator[str]:
    """`python -m kg.cli serve ARGS --port <free>`; yields the base URL (http://127.0.0.1:PORT)."""
    port = free_port()
    base = f"http://{LOOPBACK}:{port}"
    cmd = [sys.executable, "-m", "kg.cli", "serve", "--host", LOOPBACK, "--port", str(port), *args]
    with _child(cmd, base + "/sparql", cwd, ready_timeout):
        yield base


def oxigraph_binary() -> str | None:
    """The `oxigraph` command (PyPI package oxigraph), beside this Python or on PATH."""
    beside = Path(sys.executable).parent / "oxigraph"
    return str(beside) if beside.exists() else shutil.which("oxigraph")


@contextlib.contextmanager
def oxigraph(location: Path, ready_timeout: float = 60.0) -> Iterator[str]:
    """An Oxigraph server over `location`; yields the base URL: SPARQL at /query, Graph Store
    Protocol at /store. (`pension-kg push` fills its default graph with the union of the graphs.)"""
    binary = oxigraph_binary()
    if binary is None:
        raise ServerFailed("no `oxigraph` command; pip install oxigraph")
    port = free_port()
    base = f"http://{LOOPBACK}:{port}"
    cmd = [binary, "serve", "--location", str(location), "--bind", f"{LOOPBACK}:{port}"]
    with _child(cmd, base + "/query?query=ASK%7B%7D", None, ready_timeout):
        yield base
