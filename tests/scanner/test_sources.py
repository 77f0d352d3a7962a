"""Frame sources: the OpenCV camera (against a scripted fake device), its reconnector, the
camera list, video files, image folders and the demo camera stand-in."""

from __future__ import annotations

from collections import deque
from pathlib import Path

import cv2
import numpy as np
import pytest

from terminal.scanner.camera import CameraInfo, OpenCvCamera, list_cameras
from terminal.scanner.decoders import ZxingDecoder, to_gray
from terminal.scanner.demo_source import DemoCardSource
from terminal.scanner.files import ImageFolderSource, VideoFileSource
from terminal.scanner.frames import Frame, SourceError
from terminal.scanner.reconnect import CameraReconnector, SourceState

FPS = 30.0


class ManualClock:
    """Monotonic seconds that move only when the test (or the fake camera) says so."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


class FakeDevice:
    """The camera hardware as a test scripts it. Frames are numbered shots; a shot waits
    for the sensor (one frame interval on the clock) unless stale shots are queued."""

    def __init__(self, clock: ManualClock, *, busy: bool = False) -> None:
        self.clock = clock
        self.plugged = True
        self.busy = busy
        self.queued: deque[int] = deque()
        self.last_shot = 0

    def queue_stale(self, count: int) -> list[int]:
        shots = list(range(self.last_shot + 1, self.last_shot + 1 + count))
        self.queued.extend(shots)
        self.last_shot += count
        return shots

    def take(self) -> int:
        if self.queued:
            return self.queued.popleft()
        self.clock.advance(1 / FPS)
        self.last_shot += 1
        return self.last_shot


class FakeCapture:
    """Stands in for cv2.VideoCapture: injected through `capture_factory`."""

    def __init__(self, device: FakeDevice | None, index: int, api: int) -> None:
        self.device, self.index, self.api = device, index, api
        self.opened = device is not None and device.plugged
        self.props: dict[int, float] = {}
        self.shot: int | None = None
        self.grabs = self.retrieves = self.release_calls = 0

    def isOpened(self) -> bool:
        return self.opened

    def set(self, prop: int, value: float) -> bool:
        self.props[prop] = value
        return True

    def get(self, prop: int) -> float:
        return FPS if prop == cv2.CAP_PROP_FPS else self.props.get(prop, 0.0)

    def getBackendName(self) -> str:
        return "FAKE"

    def grab(self) -> bool:
        device = self.device
        if not self.opened or device is None or not device.plugged or device.busy:
            return False
        self.grabs += 1
        self.shot = device.take()
        return True

    def retrieve(self) -> tuple[bool, np.ndarray | None]:
        if self.shot is None:
            return False, None
        self.retrieves += 1
        width = int(self.props.get(cv2.CAP_PROP_FRAME_WIDTH, 640))
        height = int(self.props.get(cv2.CAP_PROP_FRAME_HEIGHT, 480))
        return True, np.full((height, width, 3), self.shot % 256, np.uint8)

    def read(self) -> tuple[bool, np.ndarray | None]:
        return self.retrieve() if self.grab() else (False, None)

    def release(self) -> None:
        self.release_calls += 1
        self.opened = False


class Rig:
    """Fake devices by index, and every capture the code under test created."""

    def __init__(self, clock: ManualClock) -> None:
        self.clock = clock
        self.devices: dict[int, FakeDevice] = {}
        self.captures: list[FakeCapture] = []
        self.opened_at: list[float] = []

    def plug(self, index: int = 0, *, busy: bool = False) -> FakeDevice:
        device = self.devices[index] = FakeDevice(self.clock, busy=busy)
        return device

    def factory(self, index: int, api: int) -> FakeCapture:
        capture = FakeCapture(self.devices.get(index), index, api)
        self.captures.append(capture)
        self.opened_at.append(self.clock())
        return capture

    def camera(self, index: int = 0, **kwargs: object) -> OpenCvCamera:
        kwargs = {"width": 64, "height": 48, **kwargs}
        return OpenCvCamera(index, capture_factory=self.factory, clock=self.clock, **kwargs)  # type: ignore[arg-type]


def shot(frame: Frame) -> int:
    return int(frame.image[0, 0, 0])


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def rig(clock: ManualClock) -> Rig:
    return Rig(clock)


# -- the camera --------------------------------------------------------------------------


def test_open_asks_for_the_smallest_buffer_and_the_resolution(rig: Rig) -> None:
    rig.plug(0)
    camera = rig.camera(0, backend="v4l2")
    camera.open()
    capture = rig.captures[0]
    assert capture.api == cv2.CAP_V4L2
    assert capture.props[cv2.CAP_PROP_BUFFERSIZE] == 1
    assert capture.props[cv2.CAP_PROP_FRAME_WIDTH] == 64
    assert capture.props[cv2.CAP_PROP_FRAME_HEIGHT] == 48
    assert camera.resolution == (64, 48)
    assert camera.description == "Camera 0 (FAKE, 64x48)"
    frame = camera.read()
    assert frame is not None
    assert frame.image.shape == (48, 64, 3)
    assert frame.captured_at == rig.clock()
    camera.close()


def test_fourcc_is_asked_for_before_the_size(rig: Rig) -> None:
    rig.plug(0)
    camera = rig.camera(0, fourcc="MJPG")
    camera.open()
    props = list(rig.captures[0].props)
    assert props[0] == cv2.CAP_PROP_FOURCC
    assert rig.captures[0].props[cv2.CAP_PROP_FOURCC] == cv2.VideoWriter.fourcc(*"MJPG")
    camera.close()


def test_missing_camera_says_which_index_and_what_to_do(rig: Rig) -> None:
    camera = rig.camera(2)
    with pytest.raises(SourceError) as caught:
        camera.open()
    assert caught.value.message.startswith(
        "No camera found at index 2. Plug in the camera or choose another one in the settings."
    )
    assert caught.value.recoverable
    assert rig.captures[0].release_calls == 1
    assert not camera.is_open


def test_busy_camera_is_told_apart_from_a_missing_one(rig: Rig) -> None:
    rig.plug(0, busy=True)
    camera = rig.camera(0)
    with pytest.raises(SourceError, match="in use by another program") as caught:
        camera.open()
    assert caught.value.recoverable
    assert rig.captures[0].release_calls == 1


def test_unplugged_mid_session_releases_and_says_so(rig: Rig) -> None:
    device = rig.plug(0)
    camera = rig.camera(0)
    camera.open()
    assert camera.read() is not None
    device.plugged = False
    with pytest.raises(SourceError, match=r"stopped sending pictures \(unplugged\?\)") as caught:
        camera.read()
    assert caught.value.recoverable
    assert rig.captures[0].release_calls == 1
    camera.close()
    assert rig.captures[0].release_calls == 1


def test_close_twice_releases_exactly_once(rig: Rig) -> None:
    rig.plug(0)
    camera = rig.camera(0)
    camera.open()
    camera.close()
    camera.close()
    assert rig.captures[0].release_calls == 1
    with pytest.raises(SourceError):
        camera.read()


def test_stale_buffered_frames_are_dropped_for_the_newest(rig: Rig, clock: ManualClock) -> None:
    device = rig.plug(0)
    camera = rig.camera(0)
    camera.open()
    capture = rig.captures[0]
    clock.advance(0.2)  # the worker spent 200 ms decoding: the driver queued frames meanwhile
    stale = device.queue_stale(4)
    retrieves_before = capture.retrieves
    frame = camera.read()
    assert frame is not None
    assert shot(frame) not in stale
    assert shot(frame) == stale[-1] + 1  # the live frame after the queue
    assert capture.retrieves - retrieves_before == 1  # the stale ones were never decoded
    assert frame.index == shot(frame) - 1  # the index counts dropped frames too


def test_reading_on_time_takes_just_one_frame(rig: Rig) -> None:
    rig.plug(0)
    camera = rig.camera(0)
    camera.open()
    capture = rig.captures[0]
    for _ in range(5):
        grabs = capture.grabs
        assert camera.read() is not None
        assert capture.grabs - grabs == 1


def test_dropping_stale_frames_is_bounded(rig: Rig, clock: ManualClock) -> None:
    device = rig.plug(0)
    camera = rig.camera(0, max_stale_grabs=8)
    camera.open()
    capture = rig.captures[0]
    clock.advance(5.0)
    device.queue_stale(50)  # a backend that ignores the buffer size entirely
    grabs = capture.grabs
    frame = camera.read()
    assert frame is not None
    assert capture.grabs - grabs == 9
    assert camera.read() is not None  # and the next read catches up further, no error


def test_unknown_backend_is_refused_up_front() -> None:
    with pytest.raises(ValueError, match="unknown camera backend 'webcam'"):
        OpenCvCamera(0, backend="webcam")


# -- reconnecting ------------------------------------------------------------------------


def test_unplug_then_replug_recovers_after_backoff(rig: Rig, clock: ManualClock) -> None:
    device = rig.plug(0)
    statuses = []
    reconnector = CameraReconnector(rig.camera, clock=clock, on_status=statuses.append)
    assert reconnector.status.state is SourceState.CONNECTING
    assert reconnector.next_frame() is not None
    assert reconnector.status.state is SourceState.OK
    assert reconnector.next_frame() is not None

    device.plugged = False
    unplugged_at = clock()
    assert reconnector.next_frame() is None
    status = reconnector.status
    assert status.state is SourceState.WAITING
    assert "stopped sending pictures" in status.message
    assert rig.captures[0].release_calls == 1
    assert reconnector.seconds_until_next() == pytest.approx(0.5)

    clock.advance(0.4)  # not yet due: no attempt, no sleeping either
    assert reconnector.next_frame() is None
    assert len(rig.captures) == 1

    for _ in range(6):  # the camera stays away: attempts back off, doubling up to 5 s
        clock.advance(reconnector.seconds_until_next() or 0.0)
        assert reconnector.next_frame() is None
        assert reconnector.status.message.startswith("No camera found at index 0")
    waits = np.diff([unplugged_at, *rig.opened_at[1:]])
    assert waits.tolist() == pytest.approx([0.5, 1.0, 2.0, 4.0, 5.0, 5.0])
    assert all(c.release_calls == 1 for c in rig.captures)

    device.plugged = True
    clock.advance(reconnector.seconds_until_next() or 0.0)
    frame = reconnector.next_frame()
    assert frame is not None
    assert reconnector.status.state is SourceState.OK
    assert reconnector.status.recovered
    assert [s.state for s in statuses] == [
        SourceState.OK,
        SourceState.WAITING,  # stopped sending pictures
        SourceState.WAITING,  # no camera found (a new message, so a new status)
        SourceState.OK,
    ]
    assert statuses[-1].recovered
    assert statuses[-1].message == "The camera is back."

    device.plugged = False  # the backoff starts over after a recovery
    assert reconnector.next_frame() is None
    assert reconnector.seconds_until_next() == pytest.approx(0.5)
    reconnector.close()
    reconnector.close()


def test_busy_camera_is_retried_until_the_other_program_lets_go(
    rig: Rig, clock: ManualClock
) -> None:
    device = rig.plug(0, busy=True)
    reconnector = CameraReconnector(rig.camera, clock=clock)
    assert reconnector.next_frame() is None
    assert "in use by another program" in reconnector.status.message
    device.busy = False
    clock.advance(0.5)
    assert reconnector.next_frame() is not None
    assert reconnector.status.recovered


def test_a_problem_waiting_cannot_fix_stops_until_retry_now(clock: ManualClock) -> None:
    attempts = []

    def broken_source() -> VideoFileSource:
        attempts.append(clock())
        return VideoFileSource("/nowhere/recording.avi", clock=clock)

    reconnector = CameraReconnector(broken_source, clock=clock)
    assert reconnector.next_frame() is None
    assert reconnector.status.state is SourceState.FAILED
    assert "does not exist" in reconnector.status.message
    assert reconnector.seconds_until_next() is None
    clock.advance(60)
    assert reconnector.next_frame() is None
    assert len(attempts) == 1
    reconnector.retry_now()
    assert reconnector.next_frame() is None
    assert len(attempts) == 2


def test_retry_now_skips_the_backoff(rig: Rig, clock: ManualClock) -> None:
    reconnector = CameraReconnector(rig.camera, clock=clock)
    assert reconnector.next_frame() is None
    rig.plug(0)
    reconnector.retry_now()
    assert reconnector.seconds_until_next() == 0
    assert reconnector.next_frame() is not None


# -- the camera list ---------------------------------------------------------------------


def test_list_cameras_probes_each_index_and_releases_it(rig: Rig) -> None:
    rig.plug(0)
    rig.plug(2, busy=True)
    level = cv2.utils.logging.getLogLevel()
    found = list_cameras(3, capture_factory=rig.factory)
    assert found == [
        CameraInfo(index=0, width=640, height=480, backend="FAKE", delivers_frames=True),
        CameraInfo(index=2, width=0, height=0, backend="FAKE", delivers_frames=False),
    ]
    assert [c.index for c in rig.captures] == [0, 1, 2, 3]
    assert all(c.release_calls == 1 for c in rig.captures)
    assert cv2.utils.logging.getLogLevel() == level  # quieted only while probing


def test_list_cameras_on_this_machine_does_not_fail() -> None:
    found = list_cameras(1)  # whatever is (or is not) plugged in here
    assert all(isinstance(camera, CameraInfo) for camera in found)


# -- files -------------------------------------------------------------------------------


def write_video(path: Path, count: int, size: tuple[int, int] = (64, 48)) -> list[int]:
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter.fourcc(*"MJPG"), 10, size)
    assert writer.isOpened()
    levels = [20 + 15 * i for i in range(count)]
    for level in levels:
        writer.write(np.full((size[1], size[0], 3), level, np.uint8))
    writer.release()
    return levels


def brightness(frame: Frame) -> float:
    return float(frame.image.mean())


def test_video_file_frames_come_in_order_then_none(tmp_path: Path, clock: ManualClock) -> None:
    path = tmp_path / "counter.avi"
    levels = write_video(path, 12)
    source = VideoFileSource(path, clock=clock)
    source.open()
    frames = []
    while (frame := source.read()) is not None:
        frames.append(frame)
    assert [f.index for f in frames] == list(range(12))
    assert [brightness(f) for f in frames] == pytest.approx(levels, abs=3)
    assert frames[0].image.shape == (48, 64, 3)
    assert frames[0].captured_at == clock()
    assert source.read() is None
    source.close()
    source.close()


def test_video_file_loops_when_asked(tmp_path: Path) -> None:
    path = tmp_path / "counter.avi"
    levels = write_video(path, 5)
    source = VideoFileSource(path, loop=True)
    source.open()
    frames = [source.read() for _ in range(12)]
    assert all(f is not None for f in frames)
    assert [f.index for f in frames if f] == list(range(12))
    assert [brightness(f) for f in frames if f] == pytest.approx((levels * 3)[:12], abs=3)
    source.close()


def test_missing_video_file_is_a_clear_error(tmp_path: Path) -> None:
    source = VideoFileSource(tmp_path / "nope.avi")
    with pytest.raises(SourceError, match=r"nope\.avi does not exist") as caught:
        source.open()
    assert not caught.value.recoverable


def test_unreadable_video_file_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.avi"
    path.write_bytes(b"this is not a video" * 100)
    with pytest.raises(SourceError, match="cannot be read"):
        VideoFileSource(path).open()


def write_picture(path: Path, level: int) -> None:
    assert cv2.imwrite(str(path), np.full((30, 40, 3), level, np.uint8))


def test_image_folder_in_name_order_skipping_bad_files(tmp_path: Path) -> None:
    write_picture(tmp_path / "b.png", 100)
    write_picture(tmp_path / "a.png", 50)
    write_picture(tmp_path / "c.JPG", 150)
    (tmp_path / "b2-corrupt.png").write_bytes(b"\x89PNG but not really")
    (tmp_path / "notes.txt").write_text("not a picture")
    source = ImageFolderSource(tmp_path)
    source.open()
    frames = []
    while (frame := source.read()) is not None:
        frames.append(frame)
    assert [round(brightness(f)) for f in frames] == pytest.approx([50, 100, 150], abs=2)
    assert [f.index for f in frames] == [0, 1, 2]
    assert source.skipped == [tmp_path / "b2-corrupt.png"]
    source.close()
    source.close()


def test_image_folder_loops(tmp_path: Path) -> None:
    write_picture(tmp_path / "1.png", 10)
    write_picture(tmp_path / "2.bmp", 200)
    (tmp_path / "3.webp").write_bytes(b"garbage")
    source = ImageFolderSource(tmp_path, loop=True)
    source.open()
    frames = [source.read() for _ in range(5)]
    assert [round(brightness(f)) for f in frames if f] == [10, 200, 10, 200, 10]
    assert [f.index for f in frames if f] == [0, 1, 2, 3, 4]


def test_image_folder_errors(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="does not exist"):
        ImageFolderSource(tmp_path / "missing").open()
    (tmp_path / "readme.txt").write_text("no pictures here")
    with pytest.raises(SourceError, match="holds no pictures"):
        ImageFolderSource(tmp_path).open()
    (tmp_path / "bad.png").write_bytes(b"garbage")
    looping = ImageFolderSource(tmp_path, loop=True)
    looping.open()
    with pytest.raises(SourceError, match="None of the pictures") as caught:
        looping.read()  # rather than spinning forever over files that never decode
    assert not caught.value.recoverable


def test_a_finished_file_ends_the_reconnector(tmp_path: Path) -> None:
    write_picture(tmp_path / "only.png", 80)
    reconnector = CameraReconnector(lambda: ImageFolderSource(tmp_path))
    assert reconnector.next_frame() is not None
    assert reconnector.next_frame() is None
    assert reconnector.status.state is SourceState.ENDED
    assert reconnector.seconds_until_next() is None


# -- the demo camera ---------------------------------------------------------------------

CARDS = ("LC1-q0xWm2v9Hc4JtZb7YpRkA1sE", "LC1-Df8uLn3Gr6Vy0PoT5KiXwQ2c")


def test_demo_frames_decode_while_a_card_is_held_up(clock: ManualClock) -> None:
    demo = DemoCardSource(CARDS, clock=clock)
    demo.open()
    decoder = ZxingDecoder()
    held = read_ok = 0
    start = clock()
    while clock() - start < 2 * 4.0:  # one full turn of each card
        frame = demo.read()
        assert frame is not None
        assert frame.image.shape == (720, 1280, 3)
        expected = demo.payload_at(frame.captured_at - start)
        texts = decoder.decode(to_gray(frame.image))
        if expected is not None:
            held += 1
            read_ok += texts == [expected]
        elif (frame.captured_at - start) % 4.0 < 0.9:
            assert texts == []  # each turn starts with an empty counter: nothing to read
        clock.advance(0.1)
    assert held >= 40
    assert read_ok >= 0.9 * held


def test_demo_cycles_through_the_cards_with_gaps_between(clock: ManualClock) -> None:
    demo = DemoCardSource(CARDS, size=(640, 360), clock=clock, seconds_per_card=2.0)
    demo.open()
    decoder = ZxingDecoder()
    start = clock()
    seen: list[str | None] = []
    while clock() - start < 3 * 2.0:
        frame = demo.read()
        assert frame is not None
        texts = decoder.decode(to_gray(frame.image))
        seen.append(texts[0] if texts else None)
        clock.advance(0.125)
    runs = [text for i, text in enumerate(seen) if i == 0 or text != seen[i - 1]]
    assert runs == [None, CARDS[0], None, CARDS[1], None, CARDS[0]]


def test_demo_delivers_at_most_fps_frames_and_never_waits(clock: ManualClock) -> None:
    demo = DemoCardSource(CARDS, size=(320, 240), fps=20, clock=clock)
    demo.open()
    start = clock()
    first = demo.read()
    assert first is not None
    assert first.index == 0
    assert first.captured_at == start
    clock.advance(0.01)
    assert demo.read() is first  # not due yet: the same picture, not a new one
    assert demo.seconds_until_next_frame() == pytest.approx(0.04)
    clock.advance(0.04)
    second = demo.read()
    assert second is not None
    assert second.index == 1
    clock.advance(1.0)  # the worker was busy: the newest frame, not the ones in between
    newest = demo.read()
    assert newest is not None
    assert newest.index == 21
    assert newest.captured_at == pytest.approx(start + 21 / 20)
    demo.close()
    demo.close()
    with pytest.raises(SourceError):
        demo.read()


def test_reconnector_hands_out_each_demo_frame_once(clock: ManualClock) -> None:
    reconnector = CameraReconnector(
        lambda: DemoCardSource(CARDS, size=(320, 240), fps=10, clock=clock), clock=clock
    )
    assert reconnector.next_frame() is not None
    assert reconnector.next_frame() is None  # nothing new yet
    assert reconnector.seconds_until_next() == pytest.approx(0.1)
    clock.advance(0.1)
    frame = reconnector.next_frame()
    assert frame is not None
    assert frame.index == 1
    assert reconnector.source is not None
    assert reconnector.source.description == "Demo camera (2 demo cards)"


def test_demo_renders_the_same_picture_for_the_same_moment() -> None:
    one = DemoCardSource(CARDS, size=(320, 240))
    two = DemoCardSource(CARDS, size=(320, 240))
    assert np.array_equal(one.render(2.5), two.render(2.5))
    assert not np.array_equal(one.render(2.5), one.render(2.6))


def test_demo_needs_a_card() -> None:
    with pytest.raises(ValueError, match="at least one card"):
        DemoCardSource([])
