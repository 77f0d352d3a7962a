"""A card's QR code on screen and on paper, drawn crisp: whole pixels per module on screen,
vector squares on paper, and the quiet zone (4 white modules around) always kept, since a
phone camera needs it to find the code.

The modules come from terminal.scanner.render.qr_image (zxing-cpp), the same encoder the
camera tests read back, so there is one QR encoder in the application.
"""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPaintEvent, QPixmap
from PySide6.QtWidgets import QSizePolicy, QWidget

from terminal.scanner.render import qr_image

MIN_SYMBOL_PX = 300  # the code without its quiet zone: a phone reads it from an arm's length
QUIET_MODULES = 4  # white modules on each side, added by qr_image


def qr_modules(text: str) -> np.ndarray:
    """The code as a square bool matrix, True for a dark module, quiet zone included."""
    return qr_image(text, module_px=1, quiet_zone=True) < 128


def qr_qimage(text: str, module_px: int) -> QImage:
    """A black-on-white QImage of the code, `module_px` whole pixels per module (detached)."""
    gray = np.ascontiguousarray(qr_image(text, module_px=module_px, quiet_zone=True))
    height, width = gray.shape
    return QImage(gray.data, width, height, gray.strides[0], QImage.Format.Format_Grayscale8).copy()


def min_module_px(text: str, symbol_px: int = MIN_SYMBOL_PX) -> int:
    """Whole pixels per module so the code (quiet zone aside) is at least `symbol_px` wide."""
    symbol_modules = qr_modules(text).shape[0] - 2 * QUIET_MODULES
    return max(1, math.ceil(symbol_px / symbol_modules))


def qr_pixmap(text: str, side_px: int, device_pixel_ratio: float = 1.0) -> QPixmap:
    """The largest whole-module rendering that fits in `side_px` logical pixels (at least one
    pixel per module, so it may come out larger when `side_px` is tiny)."""
    modules = qr_modules(text).shape[0]
    device_side = int(side_px * device_pixel_ratio)
    pixmap = QPixmap.fromImage(qr_qimage(text, max(1, device_side // modules)))
    pixmap.setDevicePixelRatio(device_pixel_ratio)
    return pixmap


def paint_qr(painter: QPainter, target: QRectF, text: str) -> None:
    """Paint the code filling the square `target` (quiet zone included) as one vector shape.

    Adjacent dark modules are merged into one outline, so a printer or a PDF viewer shows
    no hairline seams between them at any resolution. The outline is built on the module
    grid (whole numbers, so the merge is exact) and scaled when painted: built at the
    target's fractional coordinates, rounding left slivers between rows that printed as
    white hairlines and kept about one code in 30 from decoding.
    """
    dark = qr_modules(text)
    count = dark.shape[0]
    module = min(target.width(), target.height()) / count
    origin = QPointF(target.left(), target.top())
    path = QPainterPath()
    for row in range(count):
        col = 0
        while col < count:
            if not dark[row, col]:
                col += 1
                continue
            start = col
            while col < count and dark[row, col]:
                col += 1
            path.addRect(QRectF(start, row, col - start, 1))
    painter.save()
    painter.fillRect(QRectF(origin, target.size()), QColor("white"))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("black"))
    painter.translate(origin)
    painter.scale(module, module)
    painter.drawPath(path.simplified())
    painter.restore()


class QrCodeView(QWidget):
    """Shows one QR code, centred, at the largest whole number of device pixels per module
    that fits the widget; its minimum size keeps the code at least MIN_SYMBOL_PX wide
    (quiet zone aside). Black on white in every theme: an inverted code is harder for some
    phone readers."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = text
        self._cache: tuple[int, float, QPixmap] | None = None
        self._min_side = 0
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.set_text(text)

    @property
    def text(self) -> str:
        return self._text

    def set_text(self, text: str) -> None:
        self._text = text
        self._cache = None
        self._min_side = qr_modules(text).shape[0] * min_module_px(text) if text else 0
        self.setMinimumSize(self._min_side, self._min_side)
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(self._min_side, self._min_side)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return max(self._min_side, width)

    def code_pixmap(self) -> QPixmap | None:
        """What paintEvent draws at the current size (None without a text)."""
        if not self._text:
            return None
        side = min(self.width(), self.height())
        ratio = self.devicePixelRatioF()
        if self._cache is None or self._cache[:2] != (side, ratio):
            self._cache = (side, ratio, qr_pixmap(self._text, side, ratio))
        return self._cache[2]

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("white"))
        pixmap = self.code_pixmap()
        if pixmap is not None:
            ratio = pixmap.devicePixelRatio()
            # The corner on a whole device pixel, so every module stays on the pixel grid
            # (with a fractional scale factor a whole logical pixel would not be one).
            x = (round(self.width() * ratio) - pixmap.width()) // 2
            y = (round(self.height() * ratio) - pixmap.height()) // 2
            painter.drawPixmap(QPointF(x / ratio, y / ratio), pixmap)
        painter.end()
