"""Security headers of the web pages (the JSON API has its own answers and is untouched).

No script runs on these pages and none may: the content security policy allows the
server's own style sheet and nothing else, forms may post only here, and no other site may
frame a page (clickjacking). Private pages are never stored by a browser or a proxy.

A plain ASGI middleware: a request outside /admin passes straight through (Starlette's
BaseHTTPMiddleware would wrap every API request, a push or a pull, in extra streams).
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

CONTENT_SECURITY_POLICY = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)
PAGE_PREFIX = "/admin"
STATIC_PREFIX = "/admin/static/"
_HEADERS = [
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-frame-options", b"DENY"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"cross-origin-opener-policy", b"same-origin"),
]


class PageSecurityHeaders:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "") if scope["type"] == "http" else ""
        if not path.startswith(PAGE_PREFIX):
            await self.app(scope, receive, send)
            return
        extra = list(_HEADERS)
        if not path.startswith(STATIC_PREFIX):
            extra.append((b"cache-control", b"no-store"))
        names = {name for name, _value in extra}

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                kept = [(k, v) for k, v in message.get("headers", []) if k.lower() not in names]
                message = {**message, "headers": [*kept, *extra]}
            await send(message)

        await self.app(scope, receive, with_headers)
