"""Demo data and the scripted demo: try the product on one machine in a minute."""
