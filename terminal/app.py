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
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication

from sync.client import SyncClient
from sync.engine import SyncEngine
from terminal.config import Settings
from terminal.domain.clock import Clock, SystemClock
from terminal.scanner.camera import OpenCvCamera
from terminal.scanner.confirm import Confirmer, ConfirmSettings
from terminal.scanner.decoders import Decoder, PyzbarDecoder, ZxingDecoder, default_decoder
from terminal.scanner.frames import FrameSource
from terminal.services.bundle import CounterServices, counter_services
from terminal.services.syncing.store import TerminalSyncStore
from terminal.services.terminal_info import is_activated
from terminal.start_probe import install_start_probe
from terminal.store.engine import Database
from terminal.store.errors import LocalDatabaseError
from terminal.store.schema import open_current
from terminal.ui.app_window import CounterWindow
from terminal.ui.chime import Chime
from terminal.ui.i18n import install_language
from terminal.ui.scan_worker import ScanWorker
from terminal.ui.startup_problem import startup_problem_box
from terminal.ui.style import apply_style
from terminal.ui.sync_relay import SyncRelay
from terminal.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from terminal.demo.live import LiveDemo

log = logging.getLogger(__name__)
DEMO_PULL_INTERVAL_S = 2.0  # a visitor watches a balance go from one store to the other
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


@dataclass(frozen=True)
class SyncWiring:
    """How a counter reaches its central server: the client (owned by the counter from
    here on) and, on the sync thread, how to read the token from the credential store."""

    client: SyncClient
    load_token: Callable[[], str | None] | None = None
    pull_interval_s: float = 30.0


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
    sync_engine: SyncEngine | None = None
    sync_client: SyncClient | None = None
    _closed: bool = field(default=False, repr=False)

    def start(self, *, camera: bool = True) -> None:
        self.window.start()
        if camera and self.source_factory is not None:
            self.start_camera()
        if self.sync_engine is not None:
            self.sync_engine.start()
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
        self.window.manager_screen.set_lock_after(new.manager_lock_seconds)
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
        if self.sync_engine is not None:
            self.sync_engine.stop()  # before the database and the window it reports to
        if self.sync_client is not None:
            self.sync_client.close()
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
    sync: SyncWiring | None = None,
) -> CounterApp:
    """Open the terminal's database as the app must (WAL checkpoints while idle) and build
    the counter window on it. `source_factory` None means the camera of the settings.
    With `sync`, a sync engine on its own thread pushes after every counter write and
    pulls on a timer; the status bar shows its status."""
    database = open_current(database_path, idle_checkpoints=True)
    engine: SyncEngine | None = None
    clock = clock or SystemClock()
    try:
        relay = SyncRelay() if sync is not None else None
        if sync is not None and relay is not None:
            engine = SyncEngine(
                TerminalSyncStore(database),
                sync.client,
                clock=clock,
                on_status=relay.publish,
                load_token=sync.load_token,
                pull_interval_s=sync.pull_interval_s,
            )
        services = counter_services(
            database,
            clock,
            max_amount_minor=settings.max_purchase_amount_minor,
            authorizer=engine,  # redemptions are asked online first
            company_figures=engine,  # the Activity view's company figures, when online
        )
        runner = TaskRunner()
        chime = chime or Chime(enabled=settings.sound)
        window = CounterWindow(
            services,
            runner,
            chime,
            return_to_idle_seconds=settings.return_to_idle_seconds,
            side_panel=side_panel,  # type: ignore[arg-type]
            sync=relay,
            manager_lock_seconds=settings.manager_lock_seconds,
        )
        if engine is not None and relay is not None:
            relay.setParent(window)
            # Every counter write that ends is pushed soon (the engine debounces a burst).
            runner.write_busy.connect(lambda _key, busy: None if busy else engine.trigger())
    except BaseException:
        database.dispose()
        if sync is not None:
            sync.client.close()
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
        sync_engine=engine,
        sync_client=sync.client if sync is not None else None,
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
    """`loyalty-terminal`: the counter on the activated terminal's database, syncing with
    its server; before activation the first-run screen, which activates it (or opens the
    demo)."""
    from PySide6.QtCore import QTimer

    from terminal.ui.first_run import FirstRunWindow

    app = qt_application(settings)
    path = settings.database_path
    try:
        counter = None
        if terminal_is_activated(path):  # upgrades the file first, if it must
            counter = build_counter_app(
                settings, path, save_settings=save, sync=terminal_sync(settings, path)
            )
    except LocalDatabaseError as err:
        startup_problem_box(err).exec()  # the windowed program has no console
        raise
    if counter is not None:
        return _run(app, counter)
    first = FirstRunWindow(path)
    opened: list[CounterApp | DemoSession] = []
    runner = TaskRunner()

    def open_demo() -> None:  # in the same event loop: Qt runs one exec() per process
        session = build_live_demo(settings, settings.demo_dir, save=save)
        opened.append(session)
        show(session.counters[0])

    def show(counter: CounterApp) -> None:
        counter.window.resize(1366, 768)
        counter.window.show()
        counter.start()
        first.close()

    def demo_requested() -> None:
        first.show_preparing()
        QTimer.singleShot(50, open_demo)  # let "Preparing the demo" reach the screen

    def activation_requested(request: object) -> None:
        def activated(chosen: Settings) -> None:  # with the file fallback, if it was chosen
            counter = build_counter_app(
                chosen, path, save_settings=save, sync=terminal_sync(chosen, path)
            )
            opened.append(counter)
            show(counter)

        def failed(err: BaseException) -> None:
            code = getattr(err, "code", "error")
            first.show_problem(code, getattr(err, "message", str(err)))

        runner.write(
            lambda: activate_here(settings, path, request, save), activated, failed, key="activate"
        )

    first.demo_requested.connect(demo_requested)
    first.activation_requested.connect(activation_requested)
    first.resize(900, 700)
    first.show()
    try:
        return app.exec()
    finally:
        runner.shutdown()
        for item in opened:
            item.close()


def activate_here(
    settings: Settings, path: Path, request: object, save: Callable[[Settings], object]
) -> Settings:
    """The first-run screen's activation, off the GUI thread (network, credential store).
    Returns the settings from now on: the token's store recorded when it is the file."""
    import platform
    from datetime import UTC, datetime

    from terminal.activation import activate, token_store

    allow_file = bool(getattr(request, "allow_file_credentials", False))
    tokens = token_store(settings, allow_file=allow_file)
    path.parent.mkdir(parents=True, exist_ok=True)
    database = open_current(path)
    try:
        activate(
            settings,
            database,
            server_url=getattr(request, "server_url", ""),
            code=getattr(request, "code", ""),
            name=getattr(request, "name", "") or platform.node() or "Terminal",
            tokens=tokens,
            now=datetime.now(UTC),
        )
    finally:
        database.dispose()
    if tokens.kind == "file" and settings.credential_store != "file":
        settings = settings.model_copy(update={"credential_store": "file"})
        save(settings)
    return settings


def terminal_sync(settings: Settings, path: Path) -> SyncWiring | None:
    """How an activated terminal reaches its server (None: activated without one). The
    token is read from the credential store on the sync thread, never here."""
    database = open_current(path)
    try:
        store = TerminalSyncStore(database)
        url, terminal_id = store.server_url(), store.terminal_id()
    finally:
        database.dispose()
    if not url or not terminal_id:
        return None
    verify: bool | str = str(settings.server_ca_bundle) if settings.server_ca_bundle else True

    def load_token() -> str | None:
        from terminal.activation import token_store

        return token_store(settings).load(terminal_id)

    return SyncWiring(SyncClient(url, verify=verify), load_token=load_token)


def run_demo_window(
    settings: Settings,
    demo_dir: Path,
    *,
    save: Callable[[Settings], object],
    fresh: bool = False,
    customers: int = 300,
    terminals: int = 1,
) -> int:
    """`loyalty-terminal demo`: a central server on this computer with the demo company,
    and `terminals` counter windows (one per store, in turn) that sync with it for real,
    each with the demo camera stand-in and a panel of demo customers."""
    app = qt_application(settings)
    try:
        session = build_live_demo(
            settings, demo_dir, save=save, fresh=fresh, customers=customers, terminals=terminals
        )
    except LocalDatabaseError as err:
        startup_problem_box(err).exec()
        raise
    try:
        place_side_by_side([counter.window for counter in session.counters])
        install_start_probe(session.counters[0].window)
        last = session.counters[-1].window
        for counter in session.counters:
            counter.window.show()
            counter.start()
        # The demo ends with its last window (one closed earlier just leaves the others).
        last.closed.connect(app.quit)
        return app.exec()
    finally:
        session.close()


@dataclass
class DemoSession:
    """The live demo: its server and its counters. `close()` is safe twice."""

    demo: LiveDemo
    counters: list[CounterApp]

    def close(self) -> None:
        for counter in self.counters:
            counter.close()
        self.demo.stop()


def build_live_demo(
    settings: Settings,
    demo_dir: Path,
    *,
    save: Callable[[Settings], object],
    fresh: bool = False,
    customers: int = 300,
    terminals: int = 1,
    pull_interval_s: float = DEMO_PULL_INTERVAL_S,
) -> DemoSession:
    """The demo server (built the first time) and its counters (built, not started)."""
    from datetime import UTC, datetime

    from terminal.demo.catalog import CatalogSeed
    from terminal.demo.history import demo_customers
    from terminal.demo.live import demo_counter, start_live_demo
    from terminal.scanner.demo_source import DemoCounterCamera
    from terminal.ui.widgets.demo_customers import DemoCustomer, DemoCustomersPanel

    now = datetime.now(UTC)
    demo = start_live_demo(demo_dir, now, customers=customers, fresh=fresh)
    session = DemoSession(demo, [])
    try:
        staff = [(seed.name, seed.role.value, seed.pin) for seed in CatalogSeed().staff]
        for index in range(1, terminals + 1):
            path, terminal_id = demo_counter(demo, demo_dir, index, now)
            people = [DemoCustomer(*person) for person in demo_customers(path)]
            camera = DemoCounterCamera([person.qr_token for person in people])
            panel = DemoCustomersPanel(people, staff)
            counter = build_counter_app(
                settings,
                path,
                source_factory=lambda camera=camera: camera,
                side_panel=panel,
                save_settings=save,
                sync=SyncWiring(
                    SyncClient(demo.url),
                    load_token=lambda tid=terminal_id: demo.tokens.load(tid),
                    pull_interval_s=pull_interval_s,
                ),
            )
            panel.hold_card.connect(camera.hold)
            session.counters.append(counter)
    except BaseException:
        session.close()
        raise
    return session


def place_side_by_side(windows: list[CounterWindow]) -> None:
    """One window: the usual size. Several: side by side on the screen, as far as it goes."""
    screen = QApplication.primaryScreen()
    if len(windows) == 1 or screen is None:
        for window in windows:
            window.resize(1366, 768)
        return
    area = screen.availableGeometry()
    width = max(area.width() // len(windows), 640)
    for index, window in enumerate(windows):
        window.resize(width, min(area.height(), 900))
        window.move(area.x() + index * width, area.y())


def _run(app: QApplication, counter: CounterApp) -> int:
    counter.window.closed.connect(app.quit)  # whatever other windows a host left open
    try:
        install_start_probe(counter.window)
        counter.window.resize(1366, 768)
        counter.window.show()
        counter.start()
        return app.exec()
    finally:
        counter.window.closed.disconnect(app.quit)
        counter.close()
