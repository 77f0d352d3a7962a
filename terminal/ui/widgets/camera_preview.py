"""The live camera picture with a framing guide, so the customer knows where to hold the card."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

_GUIDE_SHARE = 0.62  # of the picture's height: where a card held at a good distance sits


class CameraPreview(QWidget):
    """Paints the newest preview frame (set from the camera worker's `preview` signal),
    not mirrored: the cashier sees what the camera sees."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._image: QImage | None = None
        self._message = ""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(320, 200)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def sizeHint(self) -> QSize:
        return QSize(640, 400)

    def show_frame(self, image: QImage) -> None:
        self._image = image
        self.update()

    def show_message(self, text: str) -> None:
        """Shown over the picture (or in place of it): the camera's state in words."""
        self._message = text
        self.update()

    def clear_frame(self) -> None:
        self._image = None
        self.update()

    @property
    def has_frame(self) -> bool:
        return self._image is not None

    def paintEvent(self, _event: object) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        area = QRectF(self.rect())
        painter.fillRect(area, QColor(24, 24, 28))
        picture = area
        if self._image is not None and not self._image.isNull():
            size = self._image.size().scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
            picture = QRectF(
                (self.width() - size.width()) / 2,
                (self.height() - size.height()) / 2,
                size.width(),
                size.height(),
            )
            painter.drawImage(picture, self._image)
        self._paint_guide(painter, picture)
        if self._message:
            self._paint_message(painter, area)
        painter.end()

    def _paint_guide(self, painter: QPainter, picture: QRectF) -> None:
        side = picture.height() * _GUIDE_SHARE
        guide = QRectF(0, 0, side, side)
        guide.moveCenter(picture.center())
        corner = side * 0.18
        pen = QPen(QColor(255, 255, 255, 230), max(3.0, side / 70))
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        path = QPainterPath()
        left, top, right, bottom = guide.left(), guide.top(), guide.right(), guide.bottom()
        for x, y, dx, dy in (
            (left, top, 1, 1),
            (right, top, -1, 1),
            (right, bottom, -1, -1),
            (left, bottom, 1, -1),
        ):
            path.moveTo(x + dx * corner, y)
            path.lineTo(x, y)
            path.lineTo(x, y + dy * corner)
        painter.drawPath(path)

    def _paint_message(self, painter: QPainter, area: QRectF) -> None:
        band = QRectF(area.left(), area.bottom() - 56, area.width(), 56)
        painter.fillRect(band, QColor(0, 0, 0, 170))
        painter.setPen(QColor(255, 255, 255))
        font = painter.font()
        font.setPointSizeF(max(font.pointSizeF(), 13))
        painter.setFont(font)
        painter.drawText(
            band, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self._message
        )
