"""The packaged application (build.spec's dist/loyalty-terminal), run as IT runs it.

`bash tests/run.sh` builds the bundle and runs these with LOYALTY_REQUIRE_BUNDLE=1, so a
missing bundle fails there; run alone without a bundle they are skipped with the command
that builds one. LOYALTY_BUNDLE points at another build's folder.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

# the central server of the sync tests, on SQLite (the bundle is what is tested here)
from tests.sync.conftest import LiveServer, World, _database, _serve
from tests.sync.conftest import world as world  # the fixture, re-exported
from tests.xvfb import XvfbMissing, virtual_display

REPO = Path(__file__).resolve().parents[2]
BUILD_HINT = ".venv/bin/pyinstaller --noconfirm build.spec"


@dataclass(frozen=True)
class Bundle:
    folder: Path

    @property
    def console(self) -> Path:
        suffix = ".exe" if os.name == "nt" else ""
        return self.folder / f"loyalty-terminal-console{suffix}"

    @property
    def application(self) -> Path:
        suffix = ".exe" if os.name == "nt" else ""
        return self.folder / f"loyalty-terminal{suffix}"


@pytest.fixture(scope="session")
def bundle() -> Bundle:
    folder = Path(os.environ.get("LOYALTY_BUNDLE", REPO / "dist" / "loyalty-terminal"))
    found = Bundle(folder)
    if not found.console.exists():
        if os.environ.get("LOYALTY_REQUIRE_BUNDLE") == "1":
            pytest.fail(f"no packaged application at {folder}: the build failed (see above)")
        pytest.skip(f"no packaged application at {folder}: build it with `{BUILD_HINT}`")
    return found


Run = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def run_frozen(bundle: Bundle, tmp_path: Path) -> Run:
    """Run the frozen console program in a home of its own, without a secure keyring (a
    bare CI machine), and with no display."""
    home = tmp_path / "home"
    home.mkdir()
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PYTHON", "VIRTUAL_ENV", "XDG_", "LOYALTY_"))
    }
    env.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_DATA_HOME=str(home / ".local" / "share"),
        XDG_STATE_HOME=str(home / ".local" / "state"),
        PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
        QT_QPA_PLATFORM="offscreen",
    )
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)

    def run(
        *args: str, timeout: float = 120, extra_env: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(  # noqa: S603 - our own program
            [str(bundle.console), *args],
            env={**env, **(extra_env or {})},
            capture_output=True,
            text=True,
            timeout=timeout,
            cwd=tmp_path,
            check=False,
        )

    return run


@pytest.fixture
def backend() -> str:
    return "sqlite"


@pytest.fixture
def server(backend: str, tmp_path: Path) -> Iterator[LiveServer]:
    with _database(backend, tmp_path) as engine:
        yield from _serve(engine, backend)


__all__ = ["Bundle", "World", "world"]


@pytest.fixture
def x_display() -> Iterator[str]:
    """A virtual X display (Xvfb) for the frozen window; run.sh installs xvfb."""
    try:
        with virtual_display() as display:
            yield display
    except XvfbMissing as missing:
        if os.environ.get("LOYALTY_REQUIRE_BUNDLE") == "1":
            pytest.fail(f"{missing}: the frozen window needs it")
        pytest.skip(str(missing))
