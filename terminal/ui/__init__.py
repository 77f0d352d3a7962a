"""PySide6 windows, screens, widgets and the thin Qt workers."""
