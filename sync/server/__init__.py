"""The reference central server: FastAPI app, its own models and ledger, admin command line."""
