"""The build command for generated resources: sounds, translations, and its `check`."""

from __future__ import annotations

import io
import itertools
import json
import shutil
import struct
import wave
from pathlib import Path

import pytest

from terminal import linguist, sounds_synth
from terminal.resources import resources_dir
from terminal.resources_build import main

FULL_SCALE = 32767


def read_wav(data: bytes) -> tuple[wave._wave_params, list[int]]:
    with wave.open(io.BytesIO(data), "rb") as wav:
        params = wav.getparams()
        frames = wav.readframes(params.nframes)
    return params, list(struct.unpack(f"<{params.nframes}h", frames))


def run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str]:
    code = main([str(a) for a in args])
    return code, capsys.readouterr().out


# --- sounds ---------------------------------------------------------------------------------


def test_sounds_are_deterministic_byte_for_byte() -> None:
    assert sounds_synth.all_sounds() == sounds_synth.all_sounds()


@pytest.mark.parametrize(
    ("name", "shortest_ms", "longest_ms"), [("confirm.wav", 150, 250), ("refusal.wav", 150, 350)]
)
def test_sounds_are_short_clean_wavs(name: str, shortest_ms: int, longest_ms: int) -> None:
    params, samples = read_wav(sounds_synth.all_sounds()[name])
    assert (params.nchannels, params.sampwidth, params.framerate) == (1, 2, 44_100)
    assert shortest_ms <= 1000 * params.nframes / params.framerate <= longest_ms
    loudest = max(abs(s) for s in samples)
    assert 0.3 * FULL_SCALE < loudest < 0.9 * FULL_SCALE  # audible, never clipping
    edge = params.framerate // 4000  # the first and last quarter millisecond: near silence
    assert max(abs(s) for s in samples[:edge]) < 0.01 * FULL_SCALE
    assert max(abs(s) for s in samples[-edge:]) < 0.01 * FULL_SCALE
    assert abs(samples[0]) <= 1
    assert abs(samples[-1]) <= 1
    jumps = max(abs(b - a) for a, b in itertools.pairwise(samples))
    assert jumps < 0.25 * FULL_SCALE  # no step anywhere, so no click


def test_confirm_chime_has_two_notes_rising() -> None:
    """The second half is dominated by a higher pitch than the first (zero crossings)."""
    _, samples = read_wav(sounds_synth.all_sounds()["confirm.wav"])

    def crossings(part: list[int]) -> float:
        return sum(1 for a, b in itertools.pairwise(part) if a < 0 <= b) / len(part)

    third = len(samples) // 3
    assert crossings(samples[-third:]) > 1.2 * crossings(samples[:third])


def test_sounds_command_writes_the_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _ = run(capsys, "sounds", "--resources", tmp_path)
    assert code == 0
    for name, data in sounds_synth.all_sounds().items():
        assert (tmp_path / "sounds" / name).read_bytes() == data


# --- check on the committed resources -------------------------------------------------------


def test_check_passes_on_the_committed_resources(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, "check")
    assert code == 0, out


@pytest.fixture
def resources_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "resources"
    shutil.copytree(resources_dir(), copy)
    return copy


def test_check_notices_a_tampered_sound(
    resources_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    wav = resources_copy / "sounds" / "refusal.wav"
    data = bytearray(wav.read_bytes())
    data[-100] ^= 0x01
    wav.write_bytes(bytes(data))
    code, out = run(capsys, "check", "--resources", resources_copy)
    assert code == 1
    assert "refusal.wav: differs from a fresh generation" in out
    assert "confirm.wav" not in out


def test_check_notices_a_missing_or_stale_qm(
    resources_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (resources_copy / "translations" / "loyalty_de.qm").unlink()
    fr_qm = resources_copy / "translations" / "loyalty_fr.qm"
    fr_qm.write_bytes(fr_qm.read_bytes()[:-8])
    code, out = run(capsys, "check", "--resources", resources_copy)
    assert code == 1
    assert "loyalty_de.qm: missing" in out
    assert "loyalty_fr.qm: differs from what lrelease builds" in out


def test_check_notices_an_untranslated_entry(
    resources_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ts = resources_copy / "translations" / "loyalty_fr.ts"
    text = ts.read_text(encoding="utf-8")
    translated = "<translation>Annuler (Échap)</translation>"
    assert translated in text
    ts.write_text(text.replace(translated, '<translation type="unfinished"></translation>'))
    code, out = run(capsys, "check", "--resources", resources_copy)
    assert code == 1
    assert "loyalty_fr.ts: [OperationDialog] 'Cancel (Esc)': not translated yet" in out
    assert "loyalty_fr.qm: differs" in out  # the .qm still holds the old translation


def test_check_notices_a_new_source_string(
    resources_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repository = Path(__file__).resolve().parents[2]
    sources = tmp_path / "sources"
    shutil.copytree(repository / "terminal" / "ui", sources / "terminal" / "ui")
    (sources / "terminal" / "ui" / "brand_new.py").write_text(
        "from PySide6.QtWidgets import QWidget\n\n\n"
        "class Gift(QWidget):\n"
        "    def retranslate(self):\n"
        '        self.setWindowTitle(self.tr("Wrap the gift"))\n'
    )
    code, out = run(capsys, "check", "--resources", resources_copy, "--sources", sources)
    assert code == 1
    assert "loyalty_fr.ts: [Gift] 'Wrap the gift': new in the sources" in out
    assert "loyalty_de.ts: [Gift] 'Wrap the gift': new in the sources" in out


# --- the whole cycle, on a small source tree of its own -------------------------------------

WIDGET_V1 = """
from PySide6.QtWidgets import QWidget


class StampCounter(QWidget):
    def retranslate(self, n):
        self.setWindowTitle(self.tr("Stamp counter"))
        self.setToolTip(self.tr("Card %1").replace("%1", "1234"))
        self.setStatusTip(self.tr("%n stamp(s)", "", n))
"""
WIDGET_V2 = (
    WIDGET_V1
    + """        self.setWhatsThis(self.tr("Stamp given"))
"""
)


def entries_for(resources: Path, language: str, values: dict[str, object]) -> Path:
    pending = linguist.pending_entries(resources / "translations" / f"loyalty_{language}.ts")
    for entry in pending:
        entry["translation"] = values[str(entry["source"])]
    path = resources.parent / f"{language}.json"
    path.write_text(json.dumps(pending, ensure_ascii=False), encoding="utf-8")
    return path


FRENCH = {
    "Stamp counter": "Compteur de tampons",
    "Card %1": "Carte %1",
    "%n stamp(s)": ["%n tampon", "%n tampons"],
    "Stamp given": "Tampon donné",
}


def test_translations_cycle_keeps_translations_and_flags_new_strings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sources, resources = tmp_path / "src", tmp_path / "resources"
    widget = sources / "terminal" / "ui" / "stamp_counter.py"
    widget.parent.mkdir(parents=True)
    widget.write_text(WIDGET_V1)
    build = ("--resources", resources, "--sources", sources)
    assert run(capsys, "sounds", "--resources", resources)[0] == 0
    assert run(capsys, "translations", *build)[0] == 0
    code, out = run(capsys, "check", *build)
    assert code == 1
    assert "loyalty_fr.ts: [StampCounter] 'Stamp counter': not translated yet" in out

    for language in ("fr", "de"):
        assert (
            run(capsys, "fill", language, entries_for(resources, language, FRENCH), *build)[0] == 0
        )
    code, out = run(capsys, "check", *build)
    assert code == 0, out
    fr = {m.source: m for m in linguist.read_messages(resources / "translations" / "loyalty_fr.ts")}
    assert fr["%n stamp(s)"].forms == ("%n tampon", "%n tampons")

    widget.write_text(WIDGET_V2)
    code, out = run(capsys, "check", *build)
    assert code == 1
    assert "[StampCounter] 'Stamp given': new in the sources" in out
    assert run(capsys, "translations", *build)[0] == 0
    fr = {m.source: m for m in linguist.read_messages(resources / "translations" / "loyalty_fr.ts")}
    assert fr["Stamp counter"].forms == ("Compteur de tampons",)  # kept
    assert fr["Stamp given"].kind == "unfinished"


def test_check_flags_lost_placeholders_and_plural_forms(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sources, resources = tmp_path / "src", tmp_path / "resources"
    widget = sources / "terminal" / "ui" / "stamp_counter.py"
    widget.parent.mkdir(parents=True)
    widget.write_text(WIDGET_V1)
    build = ("--resources", resources, "--sources", sources)
    run(capsys, "translations", *build)
    ts = resources / "translations" / "loyalty_fr.ts"
    wrong = {"Stamp counter": "Compteur", "Card %1": "Carte", "%n stamp(s)": ["tampons"]}
    entries = json.loads(entries_for(resources, "fr", wrong).read_text(encoding="utf-8"))
    assert linguist.fill(ts, entries) == (3, [])
    problems = linguist.translation_problems(ts)
    assert "[StampCounter] 'Card %1': translation 'Carte' lacks %1" in problems
    assert "[StampCounter] '%n stamp(s)': 1 plural forms, fr needs 2" in problems
    assert "[StampCounter] '%n stamp(s)': no form shows the number (%n)" in problems


def test_check_flags_an_f_string_in_tr(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sources, resources = tmp_path / "src", tmp_path / "resources"
    widget = sources / "terminal" / "ui" / "greeting.py"
    widget.parent.mkdir(parents=True)
    widget.write_text(
        "from PySide6.QtWidgets import QWidget\n\n\n"
        "class Greeting(QWidget):\n"
        "    def retranslate(self, name):\n"
        '        self.setWindowTitle(self.tr(f"Hello {name}"))\n'
    )
    run(capsys, "translations", "--resources", resources, "--sources", sources)
    problems = linguist.translation_problems(resources / "translations" / "loyalty_de.ts")
    assert "[Greeting] 'Hello {name}': an f-string in tr() never matches; use %1" in problems


def test_pending_prints_a_template(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sources, resources = tmp_path / "src", tmp_path / "resources"
    widget = sources / "terminal" / "ui" / "stamp_counter.py"
    widget.parent.mkdir(parents=True)
    widget.write_text(WIDGET_V1)
    run(capsys, "translations", "--resources", resources, "--sources", sources)
    code, out = run(capsys, "pending", "de", "--resources", resources)
    assert code == 0
    template = {e["source"]: e for e in json.loads(out)}
    assert template["%n stamp(s)"]["translation"] == ["", ""]
    assert template["Card %1"] == {
        "context": "StampCounter",
        "source": "Card %1",
        "translation": "",
    }
