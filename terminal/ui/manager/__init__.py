"""The store manager's views on the terminal, behind a manager PIN."""
