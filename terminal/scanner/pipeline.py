"""One frame through the reader: decode it, and let the confirmer decide if it is a scan."""

from __future__ import annotations

from collections.abc import Callable

from terminal.scanner.confirm import Confirmer
from terminal.scanner.decoders import Decoder
from terminal.scanner.frames import AcceptedScan, Frame


class ScanPipeline:
    """Decoder + confirmer, Qt-free: the camera worker and the headless demo share it."""

    def __init__(
        self, decoder: Decoder, confirmer: Confirmer, *, clock: Callable[[], float]
    ) -> None:
        self._decoder = decoder
        self._confirmer = confirmer
        self._clock = clock

    def process(self, frame: Frame) -> AcceptedScan | None:
        texts = self._decoder.decode(frame.image)  # converts; reads nothing in a bad frame
        return self._confirmer.feed(texts, captured_at=frame.captured_at, decoded_at=self._clock())
