"""The central server's web pages: the company admins' back office (server-rendered, Jinja2
with autoescaping, no JavaScript). Mounted by sync.server.app.create_app under /admin."""
