"""Counter use cases. Each call runs one unit of work and returns plain values."""
