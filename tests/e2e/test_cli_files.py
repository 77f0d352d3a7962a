"""Where the command line keeps its files: `--data-dir`, logs, `backup`, `--version`."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import pytest

from terminal.__main__ import _saver, _settings, main
from terminal.config import Settings
from terminal.store.schema import head_revision, open_current
from terminal.version import app_version


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["--version"])
    assert stopped.value.code == 0
    assert capsys.readouterr().out.strip() == f"loyalty-terminal {app_version()}"


def test_data_dir_holds_settings_database_and_logs(tmp_path: Path) -> None:
    (tmp_path / "settings.toml").write_text("return_to_idle_seconds = 9\n", encoding="utf-8")
    settings = _settings(tmp_path)
    assert settings.return_to_idle_seconds == 9  # the folder's own settings file
    assert settings.database_path == tmp_path.resolve() / "terminal.db"
    assert settings.log_dir == tmp_path.resolve() / "logs"


def test_a_settings_file_in_the_data_dir_may_still_move_the_logs(tmp_path: Path) -> None:
    (tmp_path / "settings.toml").write_text(
        f"log_dir = '{tmp_path / 'elsewhere'}'\n", encoding="utf-8"
    )
    assert _settings(tmp_path).log_dir == tmp_path / "elsewhere"


def test_the_settings_dialog_saves_into_the_data_dir_without_pinning_its_folders(
    tmp_path: Path,
) -> None:
    settings = _settings(tmp_path)
    _saver(tmp_path)(settings.model_copy(update={"sound": False}))
    text = (tmp_path / "settings.toml").read_text(encoding="utf-8")
    assert "sound = false" in text
    assert "data_dir" not in text  # the folder stays wherever --data-dir says next time
    assert "log_dir" not in text


def test_a_command_writes_its_log_in_the_data_dir(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--data-dir", str(tmp_path), "backup"]) == 2  # nothing to back up yet
    assert "there is no database at" in capsys.readouterr().err
    log = (tmp_path / "logs" / "tools.log").read_text(encoding="utf-8")  # not the counter's
    assert f"loyalty-terminal {app_version()} started: backup" in log
    assert "there is no database at" in log  # the reason is logged, not only printed


def test_backup_writes_a_consistent_copy(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    database = open_current(Settings(data_dir=tmp_path).database_path)
    with database.engine.begin() as connection:
        connection.exec_driver_sql("INSERT INTO companies (id, name) VALUES (1, 'Kept')")
    try:  # the counter still has the file open
        assert main(["backup", "--data-dir", str(tmp_path), "--to", str(tmp_path / "b.db")]) == 0
    finally:
        database.dispose()
    assert f"Backup written: {tmp_path / 'b.db'}" in capsys.readouterr().out
    with sqlite3.connect(tmp_path / "b.db") as copy:
        assert copy.execute("SELECT name FROM companies").fetchall() == [("Kept",)]
        assert copy.execute("SELECT version_num FROM alembic_version").fetchone() == (
            head_revision(),
        )


def test_backup_into_the_backups_folder_by_default(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    open_current(tmp_path / "terminal.db").dispose()
    assert main(["backup", "--data-dir", str(tmp_path)]) == 0
    (copy,) = (tmp_path / "backups").glob("terminal-*.db")
    assert str(copy) in capsys.readouterr().out


def test_a_backup_that_cannot_be_written_says_why(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    open_current(tmp_path / "terminal.db").dispose()
    (tmp_path / "blocked").write_text("a file, not a folder")
    target = tmp_path / "blocked" / "copy.db"
    assert main(["backup", "--data-dir", str(tmp_path), "--to", str(target)]) == 2
    assert f"the backup could not be written to {target}" in capsys.readouterr().err


def test_a_wrong_settings_file_in_the_data_dir_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "settings.toml").write_text("camera_index = -3\n", encoding="utf-8")
    assert main(["--data-dir", str(tmp_path), "backup"]) == 2
    err = capsys.readouterr().err
    assert "settings.toml has wrong values: camera_index" in err


def test_a_bug_in_a_command_gets_a_crash_report_without_the_token(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import terminal.__main__ as cli
    from terminal.logs import protect

    token = "tok_crash_0123456789abcdef0123"
    protect(token)

    def broken(_args: object, _settings: object) -> int:
        raise RuntimeError(f"unexpected, with {token}")  # stands for a bug in a command

    monkeypatch.setattr(cli, "_backup", broken)
    assert main(["backup", "--data-dir", str(tmp_path)]) == 1
    (report,) = (tmp_path / "logs" / "crashes").glob("crash-*.txt")
    text = report.read_text(encoding="utf-8")
    assert "RuntimeError: unexpected, with [redacted]" in text
    assert token not in (tmp_path / "logs" / "tools.log").read_text(encoding="utf-8")


def test_the_windowed_program_has_no_streams_and_still_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """PyInstaller's windowed program on Windows and macOS: sys.stdout and sys.stderr are
    None. The headless demo (with its embedded server's logging) must run all the same."""
    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)
    code = main(["--data-dir", str(tmp_path), "demo", "--headless", "--customers", "5"])
    written = [sys.stdout, sys.stderr]
    for stream in written:
        stream.close()  # the null device the program put in their place
    assert code == 0
    assert "started: demo" in (tmp_path / "logs" / "terminal.log").read_text(encoding="utf-8")
