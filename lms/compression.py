"""Gzip for the text the site writes: pages, JSON, the service worker.

Pages are small, but on a 400 kbps link every kilobyte counts: gzip makes a
module page about a quarter of its size. Static files are compressed ahead of
time by whitenoise (which answers before this middleware); images, video and
downloads are compressed already or are files served whole, so they pass.

BREACH: an attacker who can make a victim's browser send requests and can
read the sizes of the encrypted responses may guess a secret that a compressed
page reflects next to the attacker's input. Here the CSRF token is masked anew
in every response, and Django's GZipMiddleware pads every gzip body with up to
100 random bytes ("Heal the BREACH"), so sizes do not leak reliably. Pages hold
no other secret that an attacker could not read anyway (session cookies
travel in headers, which gzip does not touch).
"""

from django.middleware.gzip import GZipMiddleware

COMPRESSED_APPLICATION_TYPES = {
    "application/json",
    "application/manifest+json",
    "application/javascript",
    "application/xml",
}


def _is_text(content_type):
    kind = content_type.split(";", 1)[0].strip().lower()
    return kind.startswith("text/") or kind in COMPRESSED_APPLICATION_TYPES


class TextGZipMiddleware(GZipMiddleware):
    """GZipMiddleware for text responses only."""

    def process_response(self, request, response):
        if not _is_text(response.get("Content-Type", "")):
            return response
        return super().process_response(request, response)
