"""Qt item models over the services' pages (fetched lazily, off the GUI thread)."""
