"""The loyalty rules, shared by the terminal and the central server.

Standard library only: everything here is pure and testable without a database or a GUI.
"""
