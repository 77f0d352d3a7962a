"""Security headers of the web pages (the JSON API has its own answers and is untouched).

No script runs on these pages and none may: the content security policy allows the
server's own style sheet and nothing else, forms may post only here, and no other site may
frame a page (clickjacking). Private pages are never stored by a browser or a proxy.
"""

from __future__ import annotations

from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.requests import Request
from starlette.responses import Response

CONTENT_SECURITY_POLICY = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)
PAGE_PREFIXES = ("/admin",)
STATIC_PREFIX = "/admin/static/"


class PageSecurityHeaders(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        response = await call_next(request)
        path = request.url.path
        if not path.startswith(PAGE_PREFIXES):
            return response
        headers = response.headers
        headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
        headers["X-Frame-Options"] = "DENY"
        headers["X-Content-Type-Options"] = "nosniff"
        headers["Referrer-Policy"] = "same-origin"
        headers["Cross-Origin-Opener-Policy"] = "same-origin"
        if not path.startswith(STATIC_PREFIX):
            headers["Cache-Control"] = "no-store"
        return response
