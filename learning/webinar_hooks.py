"""Webinar admin hooks (filled in by the webinar work)."""
