"""The terminal's side of sync: the local database behind sync.engine's LocalStore port.

- `outbox`: pending entries as push entries, in sequence order, and which were sent;
- `results`: a push's answers saved, the cards' confirmed state and the conflicts list;
- `pull`: pages of changes written into the cache, each with its cursor;
- `store`: the port itself, one short unit of work per call.
"""
