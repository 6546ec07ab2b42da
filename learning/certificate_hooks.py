"""Certificate admin hooks (filled in by the certificates work)."""
