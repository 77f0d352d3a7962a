"""`loyalty-server serve`: run the server under uvicorn."""

from __future__ import annotations

import argparse
import logging
from typing import Any

from sqlalchemy import Engine


def register(commands: Any) -> None:
    serve = commands.add_parser("serve", help="run the server (uvicorn)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8700)
    serve.set_defaults(handler=run_serve)


def run_serve(args: argparse.Namespace, engine: Engine) -> int:
    import uvicorn

    from sync.server.app import create_app
    from sync.server.cli import redact_query_strings

    logging.getLogger("uvicorn.access").addFilter(redact_query_strings)
    uvicorn.run(create_app(engine), host=args.host, port=args.port)
    return 0
