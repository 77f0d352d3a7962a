"""Terminal <-> central server synchronisation: the wire protocol and the reference server."""
