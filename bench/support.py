"""Shared by the benchmark scripts (run as ``python bench/<script>.py``: this folder is on the
path)."""

import socket
import time


def wait_for(port, seconds=60, what="the server"):
    """Wait until something listens on 127.0.0.1:port."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise SystemExit(f"{what} did not start on port {port}")
