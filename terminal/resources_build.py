"""Build and check the terminal's generated resources: translations and sounds.

    python -m terminal.resources_build translations   # lupdate the .ts, lrelease the .qm
    python -m terminal.resources_build sounds         # write resources/sounds/*.wav
    python -m terminal.resources_build all            # both
    python -m terminal.resources_build check          # exit 1 with a list when anything is stale
    python -m terminal.resources_build pending fr > fr.json    # what is left to translate
    python -m terminal.resources_build fill fr fr.json         # write those translations back

Every command takes `--resources DIR` (default: the repository's `resources/`) and
`--sources DIR` (the repository root whose `terminal/ui/**/*.py` and `terminal/app.py` are
scanned; default: this checkout).

Translations, Qt's way. UI code marks every visible text with `self.tr("Literal")` (a
QObject's class name is its context) or `QCoreApplication.translate("context", "Literal")`;
texts in tables built at import time use `QT_TRANSLATE_NOOP("context", "Literal")` and are
translated where shown (`QCoreApplication.translate("context", LABELS[key])`). Only
string literals are extracted: `self.tr(variable)` is invisible to lupdate, and an f-string
is extracted as its template ("Hello {name}"), which the filled-in text never matches
(`check` flags it). Use Qt placeholders, `%1`, `%2` (filled with `.replace("%1", value)`),
and `%n` with `self.tr("%n stamp(s)", "", n)` for plurals (Qt substitutes %n and picks the
plural form; French and German have two forms, and French uses the singular for 0). A
disambiguation (2nd argument) separates identical English texts with different meanings.
PySide6 looks a `self.tr()` text up along the class hierarchy, so the texts a base class
(OperationDialog) sets translate on its subclasses too.

The cycle after UI strings change:
1. `translations`: pyside6-lupdate (next to this interpreter) merges the sources into
   `resources/translations/loyalty_fr.ts` and `loyalty_de.ts`, keeping every existing
   translation and dropping strings that left the code (`-no-obsolete`; a reworded string
   comes back pre-filled but "unfinished" when lupdate finds it similar). Then
   pyside6-lrelease builds `loyalty_<lang>.qm` beside each .ts, leaving unfinished entries
   out (they show in English). Never edit a .qm; commit the .ts and .qm together.
2. Translate: Qt Linguist (`pyside6-linguist resources/translations/loyalty_fr.ts`), or
   `pending LANG > file.json`, fill in the "translation" values (a list of plural forms for
   %n entries), then `fill LANG file.json`, which writes them and reruns step 1.
3. `check` (CI) must pass: exits 1, listing each problem, when a .ts has unfinished or
   untranslated entries, leftover obsolete ones, a translation missing a placeholder or with
   the wrong number of plural forms; when lupdate would add source strings the .ts lacks
   (or drop ones the code no longer has); when a .qm is missing or differs from what
   lrelease builds from its .ts (content is compared, since git does not keep timestamps);
   or when a committed WAV differs from a fresh generation.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

from terminal import linguist, sounds_synth
from terminal.resources import resources_dir, sounds_dir, translations_dir

TARGET_LANGUAGES = ("fr", "de")
REPOSITORY = Path(__file__).resolve().parents[1]


def ts_path(resources: Path, language: str) -> Path:
    return translations_dir(resources) / f"loyalty_{language}.ts"


def ui_sources(root: Path) -> list[Path]:
    """Every file lupdate reads: terminal/ui/**/*.py and terminal/app.py (when present)."""
    ui = sorted(p for p in (root / "terminal" / "ui").rglob("*.py") if "__pycache__" not in p.parts)
    app = root / "terminal" / "app.py"
    return [*ui, app] if app.is_file() else ui


# --- commands -------------------------------------------------------------------------------


def build_translations(resources: Path, root: Path) -> list[str]:
    sources = ui_sources(root)
    translations_dir(resources).mkdir(parents=True, exist_ok=True)
    report = []
    for language in TARGET_LANGUAGES:
        ts = ts_path(resources, language)
        linguist.lupdate(sources, ts, language)
        linguist.lrelease(ts, ts.with_suffix(".qm"))
        messages = linguist.read_messages(ts)
        todo = len(linguist.pending_entries(ts))
        report.append(f"{ts.name}: {len(messages)} strings, {todo} to translate -> {ts.stem}.qm")
    return report


def build_sounds(resources: Path) -> list[str]:
    folder = sounds_dir(resources)
    folder.mkdir(parents=True, exist_ok=True)
    report = []
    for name, data in sounds_synth.all_sounds().items():
        (folder / name).write_bytes(data)
        report.append(f"{name}: {len(data)} bytes")
    return report


def check(resources: Path, root: Path) -> list[str]:
    """Every reason the committed resources are not what the build would produce."""
    problems = []
    with tempfile.TemporaryDirectory(prefix="loyalty-resources-") as scratch:
        for language in TARGET_LANGUAGES:
            problems.extend(_check_translation(resources, root, language, Path(scratch)))
    for name, data in sounds_synth.all_sounds().items():
        wav = sounds_dir(resources) / name
        if not wav.is_file():
            problems.append(f"{wav.name}: missing (run `sounds`)")
        elif wav.read_bytes() != data:
            problems.append(f"{wav.name}: differs from a fresh generation (run `sounds`)")
    return problems


def _check_translation(resources: Path, root: Path, language: str, scratch: Path) -> list[str]:
    ts = ts_path(resources, language)
    if not ts.is_file():
        return [f"{ts.name}: missing (run `translations`)"]
    problems = [f"{ts.name}: {p}" for p in linguist.translation_problems(ts)]

    fresh = scratch / ts.name
    shutil.copyfile(ts, fresh)
    linguist.lupdate(ui_sources(root), fresh, language)
    have = {(m.key, m.numerus): m for m in linguist.read_messages(ts)}
    want = {(m.key, m.numerus): m for m in linguist.read_messages(fresh)}
    for key in sorted(want.keys() - have.keys()):
        problems.append(f"{ts.name}: {want[key].label()}: new in the sources (run `translations`)")
    for key in sorted(have.keys() - want.keys()):
        if have[key].kind not in ("vanished", "obsolete"):
            problems.append(
                f"{ts.name}: {have[key].label()}: gone from the sources (run `translations`)"
            )

    qm = ts.with_suffix(".qm")
    built = scratch / qm.name
    linguist.lrelease(ts, built)
    if not qm.is_file():
        problems.append(f"{qm.name}: missing (run `translations`)")
    elif qm.read_bytes() != built.read_bytes():
        problems.append(
            f"{qm.name}: differs from what lrelease builds from {ts.name} (run `translations`)"
        )
    return problems


def pending(resources: Path, language: str) -> str:
    return json.dumps(
        linguist.pending_entries(ts_path(resources, language)), ensure_ascii=False, indent=2
    )


def fill(resources: Path, root: Path, language: str, entries_file: Path) -> list[str]:
    entries = json.loads(entries_file.read_text(encoding="utf-8"))
    filled, unused = linguist.fill(ts_path(resources, language), entries)
    report = [f"{language}: {filled} messages filled"]
    report += [f"{language}: matched nothing: {u}" for u in unused]
    return report + build_translations(resources, root)


# --- command line ---------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--resources", type=Path, default=resources_dir())
    common.add_argument("--sources", type=Path, default=REPOSITORY)
    parser = argparse.ArgumentParser(
        prog="python -m terminal.resources_build", description=__doc__.split("\n\n")[0]
    )
    commands = parser.add_subparsers(dest="command", required=True)
    for name in ("translations", "sounds", "all", "check"):
        commands.add_parser(name, parents=[common])
    pending_cmd = commands.add_parser("pending", parents=[common])
    pending_cmd.add_argument("language", choices=TARGET_LANGUAGES)
    fill_cmd = commands.add_parser("fill", parents=[common])
    fill_cmd.add_argument("language", choices=TARGET_LANGUAGES)
    fill_cmd.add_argument("entries", type=Path, help="JSON list, as `pending` prints it")
    args = parser.parse_args(argv)
    resources, root = args.resources.resolve(), args.sources.resolve()

    try:
        if args.command == "check":
            problems = check(resources, root)
            for line in problems:
                print(f"FAIL  {line}")
            print(f"{len(problems)} problem(s)" if problems else "resources are up to date")
            return 1 if problems else 0
        if args.command == "pending":
            print(pending(resources, args.language))
            return 0
        report = []
        if args.command in ("sounds", "all"):
            report += build_sounds(resources)
        if args.command in ("translations", "all"):
            report += build_translations(resources, root)
        if args.command == "fill":
            report += fill(resources, root, args.language, args.entries)
    except (linguist.ToolMissing, RuntimeError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    print("\n".join(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
