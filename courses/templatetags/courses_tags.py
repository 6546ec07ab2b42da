"""Small template helpers for authored content."""

from urllib.parse import urlsplit

from django import template

register = template.Library()

PROVIDERS = {
    "youtube.com": "YouTube",
    "youtu.be": "YouTube",
    "vimeo.com": "Vimeo",
    "facebook.com": "Facebook",
    "instagram.com": "Instagram",
    "tiktok.com": "TikTok",
}


@register.filter
def video_provider(url):
    """'YouTube' for a YouTube address: read from the URL, never fetched."""
    host = (urlsplit(str(url)).hostname or "").removeprefix("www.").removeprefix("m.")
    for domain, name in PROVIDERS.items():
        if host == domain or host.endswith("." + domain):
            return name
    return host


@register.filter
def file_extension(document):
    """A document's extension in capitals ('PDF'), or ''."""
    return (getattr(document, "file_extension", "") or "").upper()
