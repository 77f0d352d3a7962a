"""The terminal's settings a store manager may change at the counter: camera, decoder,
back-to-idle delay, language and sound. The rest of the file (folders, scan tuning) is IT's
and stays as it is.

The dialog only builds the new Settings; the flow writes it (terminal.settings_file) and
applies it, then calls accept() or show_refusal(text).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError
from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QLabel, QSpinBox, QWidget

from terminal.config import Settings
from terminal.scanner.decoders import available_decoders
from terminal.ui.dialogs.base import OperationDialog
from terminal.ui.i18n import LANGUAGES

FIELD_HEIGHT = 48  # a touch target
RESOLUTIONS = ((640, 480), (1280, 720), (1920, 1080))
DECODERS = ("default", "zxing-cpp", "pyzbar")


def decoder_status() -> dict[str, str | None]:
    """Each decoder engine's name -> None when it works on this PC, else why not. Loads
    pyzbar (and so libzbar): a few milliseconds, once, when the dialog is built."""
    return {name: d.unavailable_reason for name, d in available_decoders().items()}


class SettingsDialog(OperationDialog):
    """`submitted` carries the new Settings (validated; every field the dialog does not show
    keeps its value from `settings`).

    `decoders` maps an engine's name ("zxing-cpp", "pyzbar") to None when it works here or
    to the reason it does not; by default it is asked of terminal.scanner.decoders.
    """

    def __init__(
        self,
        settings: Settings,
        *,
        decoders: Mapping[str, str | None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self._settings = settings
        self._decoders = dict(decoder_status() if decoders is None else decoders)
        self.title = QLabel(self)
        self.title.setObjectName("dialogTitle")
        self.body.addWidget(self.title)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.body.addLayout(self.form)

        self.camera = QSpinBox(self)
        self.camera.setObjectName("cameraIndex")
        self.camera.setRange(0, 63)
        self.camera.setValue(settings.camera_index)
        self.resolution = QComboBox(self)
        self.resolution.setObjectName("resolution")
        current = (settings.camera_width, settings.camera_height)
        # a size IT wrote in the file that is not one of ours stays offered, and chosen
        self._sizes = [*RESOLUTIONS, *([] if current in RESOLUTIONS else [current])]
        for width, height in self._sizes:
            self.resolution.addItem(f"{width} × {height}")
        self.resolution.setCurrentIndex(self._sizes.index(current))
        self.decoder = QComboBox(self)
        self.decoder.setObjectName("decoder")
        for name in DECODERS:
            self.decoder.addItem(name, name)
        self.decoder.setCurrentIndex(self.decoder.findData(settings.decoder))
        self.decoder_hint = QLabel(self)
        self.decoder_hint.setObjectName("hint")
        self.decoder_hint.setWordWrap(True)
        self.delay = QSpinBox(self)
        self.delay.setObjectName("returnToIdle")
        self.delay.setRange(1, 120)
        self.delay.setValue(settings.return_to_idle_seconds)
        self.language = QComboBox(self)
        self.language.setObjectName("language")
        # each language in its own words: whoever cannot read the current one finds theirs
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(self.language.findData(settings.language))
        self.sound = QCheckBox(self)
        self.sound.setObjectName("sound")
        self.sound.setChecked(settings.sound)

        self.labels: dict[str, QLabel] = {}
        for field, widget in self._fields().items():
            widget.setMinimumHeight(FIELD_HEIGHT)
            label = QLabel(self)
            label.setBuddy(widget)
            label.setMinimumHeight(FIELD_HEIGHT)  # centred beside its field
            label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            self.labels[field] = label
            self.form.addRow(label, widget)
            if widget is self.decoder:
                self.form.addRow("", self.decoder_hint)
        for button in (self.ok_button, self.cancel_button):
            button.setMinimumHeight(FIELD_HEIGHT)
        self.decoder.currentIndexChanged.connect(self._update_decoder_hint)
        for widget in (self.camera, self.delay):
            widget.valueChanged.connect(self.clear_refusal)
        for combo in (self.resolution, self.decoder, self.language):
            combo.currentIndexChanged.connect(self.clear_refusal)
        self.retranslate()
        self.camera.setFocus()

    def _fields(self) -> dict[str, QWidget]:
        """The Settings field each control edits (resolution: camera_width and height)."""
        return {
            "camera_index": self.camera,
            "camera_width": self.resolution,
            "decoder": self.decoder,
            "return_to_idle_seconds": self.delay,
            "language": self.language,
            "sound": self.sound,
        }

    def retranslate(self) -> None:
        super().retranslate()
        self.setWindowTitle(self.tr("Settings"))
        self.title.setText(self.tr("Terminal settings"))
        wording = {
            "camera_index": (
                self.tr("&Camera:"),
                self.tr("Camera number"),
                self.tr("Which camera reads the cards: 0 is the first one the PC found"),
            ),
            "camera_width": (
                self.tr("&Resolution:"),
                self.tr("Camera resolution"),
                self.tr("Width × height of the camera picture; higher reads smaller codes"),
            ),
            "decoder": (
                self.tr("&Decoder:"),
                self.tr("QR code decoder"),
                self.tr("The engine that reads the QR codes on the cards"),
            ),
            "return_to_idle_seconds": (
                self.tr("&Back to idle after:"),
                self.tr("Back to the idle screen after"),
                self.tr("Seconds the result stays on screen before the scan screen returns"),
            ),
            "language": (
                self.tr("&Language:"),
                self.tr("Language"),
                self.tr("The language of the terminal's screens"),
            ),
            "sound": (
                "",
                self.tr("Sound"),
                self.tr("A short sound after each operation, another one after a refusal"),
            ),
        }
        for field, widget in self._fields().items():
            label, name, description = wording[field]
            self.labels[field].setText(label)
            widget.setAccessibleName(name)
            widget.setAccessibleDescription(description)
        self.camera.setSpecialValueText(self.tr("0 (the first camera)"))
        self.delay.setSuffix(self.tr(" s"))
        self.sound.setText(self.tr("&Sound after each operation"))
        for index, size in enumerate(self._sizes):
            text = f"{size[0]} × {size[1]}"
            if size not in RESOLUTIONS:
                text = self.tr("%1 (from the settings file)").replace("%1", text)
            self.resolution.setItemText(index, text)
        self._retranslate_decoders()
        self.ok_button.setText(self.tr("Save (Enter)"))
        self.ok_button.setAccessibleName(self.tr("Save"))
        self.ok_button.setAccessibleDescription(self.tr("Save the settings and use them now"))

    def _retranslate_decoders(self) -> None:
        pyzbar_missing = self.pyzbar_unavailable
        names = {
            "default": (
                self.tr("Standard: zxing-cpp (pyzbar is missing)")
                if pyzbar_missing
                else self.tr("Standard: zxing-cpp, pyzbar for hard-to-read codes")
            ),
            "zxing-cpp": self.tr("zxing-cpp only"),
            "pyzbar": (
                self.tr("pyzbar only: unavailable, libzbar is missing")
                if pyzbar_missing
                else self.tr("pyzbar only (slower)")
            ),
        }
        model = self.decoder.model()
        assert isinstance(model, QStandardItemModel)
        for index in range(self.decoder.count()):
            name = self.decoder.itemData(index)
            self.decoder.setItemText(index, names[name])
            unusable = name == "pyzbar" and pyzbar_missing
            item = model.item(index)
            # kept choosable when it is the current value, so opening the dialog changes nothing
            item.setEnabled(not unusable or name == self._settings.decoder)
            item.setToolTip((self._decoders.get("pyzbar") or "") if unusable else "")
        self._update_decoder_hint()

    @property
    def pyzbar_unavailable(self) -> bool:
        return self._decoders.get("pyzbar") is not None

    def _update_decoder_hint(self) -> None:
        chosen = self.decoder.currentData()
        if chosen == "pyzbar" and self.pyzbar_unavailable:
            text = self.tr(
                "pyzbar needs the zbar library, which is not installed on this PC: no card"
                " will be read. Pick another decoder or ask IT to install libzbar."
            )
        elif chosen == "default" and self.pyzbar_unavailable:
            text = self.tr("The zbar library is not installed: zxing-cpp reads alone.")
        else:
            text = ""
        self.decoder_hint.setText(text)
        self.decoder_hint.setVisible(bool(text))

    # --- OperationDialog --------------------------------------------------------------------

    def set_inputs_enabled(self, enabled: bool) -> None:
        for widget in self._fields().values():
            widget.setEnabled(enabled)

    def changes(self) -> dict[str, Any]:
        width, height = self._sizes[self.resolution.currentIndex()]
        return {
            "camera_index": self.camera.value(),
            "camera_width": width,
            "camera_height": height,
            "decoder": self.decoder.currentData(),
            "return_to_idle_seconds": self.delay.value(),
            "language": self.language.currentData(),
            "sound": self.sound.isChecked(),
        }

    def values(self) -> Settings:
        try:
            return Settings(**{**self._settings.model_dump(), **self.changes()})
        except ValidationError as err:
            raise ValueError(self._problems(err)) from err

    def _problems(self, err: ValidationError) -> str:
        lines = []
        for problem in err.errors():
            field = str(problem["loc"][0]) if problem["loc"] else ""
            field = "camera_width" if field == "camera_height" else field
            widget = self._fields().get(field)
            name = widget.accessibleName() if widget is not None else field
            lines.append(
                self.tr("%1: %2").replace("%1", name).replace("%2", _sentence(problem["msg"]))
            )
        return self.tr("These settings cannot be saved:") + "\n" + "\n".join(lines)


def _sentence(message: str) -> str:
    """pydantic's message ("Input should be less than or equal to 120") as a sentence."""
    return message[:1].upper() + message[1:] + ("" if message.endswith(".") else ".")
