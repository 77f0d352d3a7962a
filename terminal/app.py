"""The composition root: settings, database, services, scanner and windows, wired once.

Nothing else builds these: the screens get plain ports and the TaskRunner, the camera
worker gets its frame source, and `CounterApp.close()` takes everything down in order.
"""

from __future__ import annotations

import gc
import logging
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtWidgets import QApplication

from terminal.config import Settings
from terminal.domain.clock import Clock, SystemClock
from terminal.scanner.camera import OpenCvCamera
from terminal.scanner.confirm import Confirmer, ConfirmSettings
from terminal.scanner.decoders import Decoder, PyzbarDecoder, ZxingDecoder, default_decoder
from terminal.scanner.frames import FrameSource
from terminal.services.bundle import CounterServices, counter_services
from terminal.services.terminal_info import is_activated
from terminal.store.engine import Database
from terminal.store.schema import open_current
from terminal.ui.app_window import CounterWindow
from terminal.ui.chime import Chime
from terminal.ui.i18n import install_language
from terminal.ui.scan_worker import ScanWorker
from terminal.ui.style import apply_style
from terminal.ui.tasks import TaskRunner

log = logging.getLogger(__name__)
SourceFactory = Callable[[], FrameSource]


def make_decoder(name: str) -> Decoder:
    if name == "zxing-cpp":
        return ZxingDecoder()
    if name == "pyzbar":
        return PyzbarDecoder()
    return default_decoder()


def camera_factory(settings: Settings) -> SourceFactory:
    return lambda: OpenCvCamera(
        settings.camera_index,
        settings.camera_backend,
        settings.camera_width,
        settings.camera_height,
    )


def make_scan_worker(settings: Settings, source_factory: SourceFactory) -> ScanWorker:
    confirm = ConfirmSettings(
        required_reads=settings.scan_required_reads,
        window_s=settings.scan_window_seconds,
        repeat_cooldown_s=settings.scan_repeat_cooldown_seconds,
    )
    return ScanWorker(source_factory, make_decoder(settings.decoder), Confirmer(confirm))


@dataclass
class CounterApp:
    """A running counter: close() stops the camera, the tasks and the database; safe twice."""

    settings: Settings
    database: Database
    services: CounterServices
    runner: TaskRunner
    chime: Chime
    window: CounterWindow
    source_factory: SourceFactory | None
    save_settings: Callable[[Settings], object] | None = None
    uses_settings_camera: bool = True  # False: a demo or test source, kept across settings
    worker: ScanWorker | None = None
    _closed: bool = field(default=False, repr=False)

    def start(self, *, camera: bool = True) -> None:
        self.window.start()
        if camera and self.source_factory is not None:
            self.start_camera()
        # Everything built so far lives as long as the app: out of the collector's sight, a
        # full collection stops all threads for ~3 ms instead of ~100 ms (measured by
        # tests/bench/bench_counter_ui.py: it was the one GUI-thread block over 50 ms).
        gc.collect()
        gc.freeze()

    def start_camera(self) -> None:
        if self.source_factory is None:
            return
        self.stop_camera()
        worker = make_scan_worker(self.settings, self.source_factory)
        worker.preview.connect(self.window.show_frame)
        worker.scanned.connect(lambda scan: self.window.show_scan(scan.payload))
        worker.status_changed.connect(self.window.show_camera_status)
        self.worker = worker
        worker.start()

    def stop_camera(self) -> None:
        worker, self.worker = self.worker, None
        if worker is not None:
            worker.stop()
            worker.deleteLater()

    def apply_settings(self, new: Settings) -> None:
        """Apply what can change without a restart: language, sound, return delay, camera."""
        old, self.settings = self.settings, new
        app = QApplication.instance()
        if app is not None and new.language != old.language:
            install_language(app, new.language)
        self.chime.set_enabled(new.sound)
        self.window.set_return_to_idle_seconds(new.return_to_idle_seconds)
        camera_fields = ("camera_index", "camera_backend", "camera_width", "camera_height")
        if self.uses_settings_camera and any(
            getattr(new, f) != getattr(old, f) for f in camera_fields
        ):
            self.source_factory = camera_factory(new)
        reader_fields = (*camera_fields, "decoder", "scan_required_reads")
        changed = any(getattr(new, f) != getattr(old, f) for f in reader_fields)
        if self.worker is not None and changed:
            self.start_camera()

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self.window.close()
        self.stop_camera()
        self.runner.shutdown()
        self.database.dispose()


def build_counter_app(
    settings: Settings,
    database_path: Path,
    *,
    clock: Clock | None = None,
    source_factory: SourceFactory | None = None,
    side_panel: object = None,
    chime: Chime | None = None,
    save_settings: Callable[[Settings], object] | None = None,
) -> CounterApp:
    """Open the terminal's database as the app must (WAL checkpoints while idle) and build
    the counter window on it. `source_factory` None means the camera of the settings."""
    database = open_current(database_path, idle_checkpoints=True)
    try:
        services = counter_services(
            database, clock or SystemClock(), max_amount_minor=settings.max_purchase_amount_minor
        )
        runner = TaskRunner()
        chime = chime or Chime(enabled=settings.sound)
        window = CounterWindow(
            services,
            runner,
            chime,
            return_to_idle_seconds=settings.return_to_idle_seconds,
            side_panel=side_panel,  # type: ignore[arg-type]
        )
    except BaseException:
        database.dispose()
        raise
    counter = CounterApp(
        settings,
        database,
        services,
        runner,
        chime,
        window,
        source_factory or camera_factory(settings),
        save_settings,
        uses_settings_camera=source_factory is None,
    )
    window.settings_requested.connect(lambda: open_settings(counter))
    return counter


def open_settings(counter: CounterApp) -> None:
    """The settings dialog; which decoders work here is asked off the GUI thread first
    (it loads libzbar)."""
    from terminal.ui.dialogs.settings import decoder_status

    counter.runner.read(
        decoder_status, lambda decoders: _settings_dialog(counter, decoders), key="settings"
    )


def _settings_dialog(counter: CounterApp, decoders: dict[str, str | None]) -> None:
    from terminal.ui import texts
    from terminal.ui.dialogs.settings import SettingsDialog

    if counter.window.current_dialog is not None:
        return
    dialog = SettingsDialog(counter.settings, decoders=decoders, parent=counter.window)

    def chosen(new: Settings) -> None:
        def saved(_result: object) -> None:
            counter.apply_settings(new)
            dialog.accept()

        def failed(err: BaseException) -> None:
            dialog.show_refusal(texts.settings_not_saved(err))

        save = counter.save_settings or (lambda _s: None)
        counter.runner.read(lambda: save(new), saved, failed, key="settings", owner=dialog)

    dialog.submitted.connect(chosen)
    counter.window.open_dialog(dialog)


def terminal_is_activated(database_path: Path) -> bool:
    """A database file of an activated terminal exists (never creates one)."""
    if not database_path.exists():
        return False
    database = open_current(database_path)
    try:
        return is_activated(database)
    finally:
        database.dispose()


def has_display() -> bool:
    """Whether a person could see a window here (offscreen Qt is no display)."""
    platform = os.environ.get("QT_QPA_PLATFORM", "").split(":")[0]
    if platform in ("offscreen", "minimal"):
        return False
    if platform:
        return True
    if sys.platform.startswith("linux") or "bsd" in sys.platform:
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True


def qt_application(settings: Settings, argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(argv or [sys.argv[0]])
    app.setApplicationName("Loyalty terminal")
    app.setOrganizationName("LoyaltyTerminal")
    apply_style(app)
    install_language(app, settings.language)
    return app


# --- the commands ------------------------------------------------------------------------


def run_terminal(settings: Settings, save: Callable[[Settings], object]) -> int:
    """`loyalty-terminal`: the counter on the activated terminal's database, or the first-run
    screen (which offers the demo) before activation."""
    from PySide6.QtCore import QTimer

    from terminal.ui.first_run import FirstRunWindow

    app = qt_application(settings)
    path = settings.database_path
    if terminal_is_activated(path):
        counter = build_counter_app(settings, path, save_settings=save)
        return _run(app, counter)
    first = FirstRunWindow(path)
    demo: list[CounterApp] = []

    def open_demo() -> None:  # in the same event loop: Qt runs one exec() per process
        demo.append(build_demo_counter(settings, settings.demo_dir, save=save))
        window = demo[0].window
        window.resize(1366, 768)
        window.show()
        demo[0].start()
        first.close()

    def demo_requested() -> None:
        first.show_preparing()
        QTimer.singleShot(50, open_demo)  # let "Preparing the demo" reach the screen

    first.demo_requested.connect(demo_requested)
    first.resize(900, 600)
    first.show()
    try:
        return app.exec()
    finally:
        for counter in demo:
            counter.close()


def run_demo_window(
    settings: Settings,
    demo_dir: Path,
    *,
    save: Callable[[Settings], object],
    fresh: bool = False,
    customers: int = 300,
) -> int:
    """`loyalty-terminal demo`: the counter window on the demo database, the demo camera
    stand-in, and a panel of demo customers whose cards it holds to that camera."""
    app = qt_application(settings)
    counter = build_demo_counter(settings, demo_dir, save=save, fresh=fresh, customers=customers)
    return _run(app, counter)


def build_demo_counter(
    settings: Settings,
    demo_dir: Path,
    *,
    save: Callable[[Settings], object],
    fresh: bool = False,
    customers: int = 300,
) -> CounterApp:
    """The demo's counter (built, not started): demo database, camera stand-in, panel."""
    from datetime import UTC, datetime

    from terminal.demo.catalog import CatalogSeed
    from terminal.demo.history import build_demo_database, demo_customers
    from terminal.scanner.demo_source import DemoCounterCamera
    from terminal.ui.widgets.demo_customers import DemoCustomer, DemoCustomersPanel

    path = demo_dir / "demo-terminal.db"
    if fresh or not path.exists():
        print(f"Building the demo database with {customers} customers in {path} ...", flush=True)
        build_demo_database(path, datetime.now(UTC), customers=customers)
    people = [DemoCustomer(*person) for person in demo_customers(path)]
    camera = DemoCounterCamera([person.qr_token for person in people])
    staff = [(seed.name, seed.role.value, seed.pin) for seed in CatalogSeed().staff]
    panel = DemoCustomersPanel(people, staff)
    counter = build_counter_app(
        settings, path, source_factory=lambda: camera, side_panel=panel, save_settings=save
    )
    panel.hold_card.connect(camera.hold)
    return counter


def _run(app: QApplication, counter: CounterApp) -> int:
    counter.window.closed.connect(app.quit)  # whatever other windows a host left open
    try:
        counter.window.resize(1366, 768)
        counter.window.show()
        counter.start()
        return app.exec()
    finally:
        counter.window.closed.disconnect(app.quit)
        counter.close()
