"""Log hygiene for the server: secrets and card tokens never reach a log.

The server logs unexpected errors with their traceback (`sync.server`), and uvicorn logs the
same exception again ("Exception in ASGI application", `uvicorn.error`). A database error's
text can carry what the request sent: SQL parameters (hidden by the engines'
`hide_parameters=True`, see `sync.server.db`), PostgreSQL's `DETAIL:` lines ("Key
(qr_code_data)=(LC1-…) already exists", "Failing row contains (…)"), and anything a driver or
a bug puts in a message. `install()` adds a filter to those loggers that renders the
traceback once, scrubbed, and drops the live exception so no later formatter renders it raw:

* PostgreSQL `DETAIL:` lines and SQLAlchemy `[parameters: …]` lines are replaced;
* card QR tokens, `Bearer …` credentials, `scrypt$…` PIN hashes, terminal tokens (43
  URL-safe characters) and activation codes (XXXX-XXXX-XXXX) are replaced wherever they
  appear, in the message and in the traceback.

Request bodies, headers and query strings are never logged by the server: the request log
(`sync.server.requests`, see sync.server.requestlog) has method and path only, and `serve`
turns uvicorn's access log off in its favour. `configure()` is how `serve` (and each worker
process) sends the server's logs to stderr: request lines as bare JSON, the rest with time,
level and logger.
"""

from __future__ import annotations

import logging
import re
import sys
import traceback

REDACTED = "[redacted]"
SCRUBBED_LOGGERS = ("sync.server", "sync.server.requests", "uvicorn.error")
REQUEST_LOGGER = "sync.server.requests"

_LINE_PATTERNS = (
    re.compile(r"^(\s*DETAIL:).*$", re.MULTILINE),
    re.compile(r"^(\s*\[parameters:).*$", re.MULTILINE),
)
_VALUE_PATTERNS = (
    re.compile(r"LC1-[A-Za-z0-9_-]{8,}"),  # card QR tokens (terminal.domain.cards)
    re.compile(r"(?i)\b(bearer)\s+[^\s'\",;]+"),  # Authorization header values
    re.compile(r"scrypt\$[^\s'\",;)]+"),  # PIN hashes (terminal.domain.pins)
    re.compile(r"(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])"),  # terminal tokens
    re.compile(r"(?<![A-Z0-9-])[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}(?![A-Z0-9-])"),  # codes
)


def scrub(text: str) -> str:
    """`text` with secrets, card tokens and database error details replaced."""
    for pattern in _LINE_PATTERNS:
        text = pattern.sub(lambda match: f"{match.group(1)} {REDACTED}", text)
    for pattern in _VALUE_PATTERNS:
        text = pattern.sub(
            lambda match: (
                f"{match.group(1)} {REDACTED}" if match.groups() and match.group(1) else REDACTED
            ),
            text,
        )
    return text


class SecretScrubber(logging.Filter):
    """Scrubs a record's message and traceback in place (never drops a record)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = scrub(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        if record.exc_info and record.exc_info[1] is not None:
            rendered = "".join(traceback.format_exception(*record.exc_info)).rstrip("\n")
            record.exc_text = scrub(rendered)
            record.exc_info = None  # no formatter may render the raw exception again
        elif record.exc_text:
            record.exc_text = scrub(record.exc_text)
        return True


_SCRUBBER = SecretScrubber()


def install() -> None:
    """Scrub the server's error loggers (idempotent: one shared filter instance)."""
    for name in SCRUBBED_LOGGERS:
        logging.getLogger(name).addFilter(_SCRUBBER)


class ServerFormatter(logging.Formatter):
    """Request log lines as they are (one JSON object); other records with time and level."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s: %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        if record.name == REQUEST_LOGGER:
            return record.getMessage()
        return super().format(record)


class _ServerHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Marks the handler `configure()` installs, so a second call adds no second one."""


def configure(level: int = logging.INFO) -> None:
    """The server's logs (errors, request lines) to stderr at `level`; idempotent."""
    install()
    server = logging.getLogger("sync.server")
    if not any(isinstance(handler, _ServerHandler) for handler in server.handlers):
        handler = _ServerHandler(sys.stderr)
        handler.setFormatter(ServerFormatter())
        server.addHandler(handler)
    server.setLevel(level)
    server.propagate = False  # a root handler (uvicorn's, an operator's) would print twice
