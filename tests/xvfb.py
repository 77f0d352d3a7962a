"""A virtual X display (Xvfb) for a test or a benchmark that needs a real window system."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager


class XvfbMissing(RuntimeError):
    pass


@contextmanager
def virtual_display(size: str = "1366x768") -> Iterator[str]:
    """Start Xvfb on a free display number; yields ":N" once it accepts clients."""
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        raise XvfbMissing("Xvfb is missing: apt-get install xvfb")
    read, write = os.pipe()
    server = subprocess.Popen(  # noqa: S603 - the X server of the OS
        [xvfb, "-displayfd", str(write), "-screen", "0", f"{size}x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as answer:
        number = answer.readline().strip()  # written once the display accepts clients
    try:
        if not number:
            raise XvfbMissing("Xvfb did not start")
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=10)
