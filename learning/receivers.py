"""Receivers of learning signals (filled in by the certificates work)."""
