"""Loyalty terminal: QR loyalty cards at the store counter, offline first."""
