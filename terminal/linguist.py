"""Qt Linguist plumbing for the build command: run lupdate / lrelease, read and fill .ts files.

No Qt import here: the tools run as subprocesses (`pyside6-lupdate`, `pyside6-lrelease`,
found next to the running interpreter), and .ts files are plain XML read with xml.etree.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

SOURCE_LANGUAGE = "en"
# Number of plural forms Qt uses for each target language (French and German: one, other).
PLURAL_FORMS = {"fr": 2, "de": 2}
LUPDATE_OPTIONS = ("-no-obsolete", "-locations", "relative", "-source-language", SOURCE_LANGUAGE)
# Unfinished entries stay out of the .qm: the cashier sees English rather than a guess that
# lupdate's similar-text heuristic pre-filled after a source string was reworded.
LRELEASE_OPTIONS = ("-nounfinished", "-silent")
_PLACEHOLDER = re.compile(r"%(?:n|L?\d{1,2})")
# lupdate extracts an f-string's template ("Hello {name}") but the program asks for the
# filled-in text, which no translation matches.
_F_STRING_FIELD = re.compile(r"\{[A-Za-z_][\w.]*(?:\[[^\]]*\])?(?:![rsa])?(?::[^{}]*)?\}")


class ToolMissing(RuntimeError):
    pass


def tool(name: str) -> Path:
    """A Qt tool installed beside this interpreter (the venv's bin/ or Scripts/), or on PATH."""
    here = Path(sys.executable).parent
    for candidate in (here / name, here / f"{name}.exe"):
        if candidate.is_file():
            return candidate
    found = shutil.which(name)
    if found:
        return Path(found)
    raise ToolMissing(f"{name} not found next to {sys.executable} nor on PATH: install PySide6")


def _run(args: list[str | Path]) -> str:
    done = subprocess.run(  # noqa: S603 (our own tool, our own arguments)
        [str(a) for a in args], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"{Path(args[0]).name} failed ({done.returncode}):\n{done.stderr}")
    return done.stdout + done.stderr


def lupdate(sources: list[Path], ts_file: Path, language: str) -> str:
    """Merge the source strings into `ts_file` (created if missing), keeping translations."""
    return _run(
        [
            tool("pyside6-lupdate"),
            *sources,
            "-ts",
            ts_file,
            *LUPDATE_OPTIONS,
            "-target-language",
            language,
        ]
    )


def lrelease(ts_file: Path, qm_file: Path) -> None:
    _run([tool("pyside6-lrelease"), *LRELEASE_OPTIONS, ts_file, "-qm", qm_file])


# --- reading .ts files ----------------------------------------------------------------------


@dataclass(frozen=True)
class Message:
    context: str
    source: str
    comment: str
    numerus: bool
    kind: str  # "" (finished), "unfinished", "vanished" or "obsolete"
    forms: tuple[str, ...]  # the translation, or its plural forms

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.context, self.source, self.comment)

    def label(self) -> str:
        note = f" ({self.comment})" if self.comment else ""
        return f"[{self.context}] {self.source!r}{note}"


def read_messages(ts_file: Path) -> list[Message]:
    root = ET.parse(ts_file).getroot()  # noqa: S314 (our own committed file)
    found = []
    for context in root.iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is None:
                translation = ET.Element("translation", type="unfinished")
            numerus = message.get("numerus") == "yes"
            forms = [f.text or "" for f in translation.iter("numerusform")]
            found.append(
                Message(
                    context=name,
                    source=message.findtext("source", ""),
                    comment=message.findtext("comment", ""),
                    numerus=numerus,
                    kind=translation.get("type", ""),
                    forms=tuple(forms) if numerus else (translation.text or "",),
                )
            )
    return found


def ts_language(ts_file: Path) -> str:
    root = ET.parse(ts_file).getroot()  # noqa: S314
    return (root.get("language") or "").split("_")[0]


def translation_problems(ts_file: Path) -> list[str]:
    """Unfinished, empty, leftover or malformed translations, one readable line each."""
    language = ts_language(ts_file)
    problems = []
    for m in read_messages(ts_file):
        if _F_STRING_FIELD.search(m.source):
            problems.append(f"{m.label()}: an f-string in tr() never matches; use %1")
        if m.kind in ("vanished", "obsolete"):
            problems.append(f"{m.label()}: no longer in the sources (rerun `translations`)")
        elif m.kind == "unfinished" or not all(f.strip() for f in m.forms):
            problems.append(f"{m.label()}: not translated yet")
        else:
            problems.extend(f"{m.label()}: {p}" for p in _form_problems(m, language))
    return problems


def _form_problems(m: Message, language: str) -> list[str]:
    problems = []
    expected = PLURAL_FORMS.get(language)
    if m.numerus and expected and len(m.forms) != expected:
        problems.append(f"{len(m.forms)} plural forms, {language} needs {expected}")
    numbered = {p for p in _PLACEHOLDER.findall(m.source) if p != "%n"}
    for form in m.forms:
        missing = numbered - set(_PLACEHOLDER.findall(form))
        if missing:
            problems.append(f"translation {form!r} lacks {', '.join(sorted(missing))}")
    if "%n" in m.source and not any("%n" in f for f in m.forms):
        problems.append("no form shows the number (%n)")
    return problems


# --- filling .ts files (what the lead and translators use instead of editing XML) ----------


def pending_entries(ts_file: Path) -> list[dict[str, object]]:
    """The entries still to translate, as a JSON-ready template for `fill`."""
    expected = PLURAL_FORMS.get(ts_language(ts_file), 2)
    entries = []
    for m in read_messages(ts_file):
        if m.kind == "unfinished" or not all(f.strip() for f in m.forms):
            entry: dict[str, object] = {"context": m.context, "source": m.source}
            if m.comment:
                entry["comment"] = m.comment
            entry["translation"] = (
                [*m.forms, *[""] * (expected - len(m.forms))] if m.numerus else ""
            )
            entries.append(entry)
    return entries


def fill(ts_file: Path, entries: list[dict[str, object]]) -> tuple[int, list[str]]:
    """Write translations into `ts_file` and mark them finished.

    Each entry: {"context", "source", optional "comment", "translation": str, or a list of
    plural forms for %n messages}. An entry whose context is "*" fills that source text in
    every context. Returns (messages filled, entries that matched nothing).
    """
    tree = ET.parse(ts_file)  # noqa: S314
    wanted = {}
    for e in entries:
        wanted[(str(e["context"]), str(e["source"]), str(e.get("comment", "")))] = e["translation"]
    used: set[tuple[str, str, str]] = set()
    filled = 0
    for context in tree.getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            source, comment = message.findtext("source", ""), message.findtext("comment", "")
            for key in ((name, source, comment), ("*", source, comment)):
                if key in wanted:
                    _set_translation(message, wanted[key])
                    used.add(key)
                    filled += 1
                    break
    _write_ts(tree, ts_file)
    unused = [f"[{c}] {s!r}" for (c, s, _) in wanted if (c, s, _) not in used]
    return filled, unused


def _set_translation(message: ET.Element, value: object) -> None:
    translation = message.find("translation")
    if translation is None:
        translation = ET.SubElement(message, "translation")
    translation.attrib.pop("type", None)
    if message.get("numerus") == "yes":
        forms = list(value) if isinstance(value, list | tuple) else [str(value)]
        for child in list(translation):
            translation.remove(child)
        translation.text = "\n" + " " * 12
        for i, form in enumerate(forms):
            child = ET.SubElement(translation, "numerusform")
            child.text = str(form)
            child.tail = "\n" + " " * (12 if i < len(forms) - 1 else 8)
    else:
        translation.text = str(value)


def _write_ts(tree: ET.ElementTree, ts_file: Path) -> None:
    """Write in lupdate's own layout (its header, utf-8) so the next lupdate run is a no-op."""
    body = ET.tostring(tree.getroot(), encoding="unicode")
    ts_file.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8"
    )
