"""iCalendar (RFC 5545) files for webinars, written by hand: one event,
UTC times, escaped text, lines folded at 75 octets and ended by CRLF."""

import datetime

from django.http import HttpResponse
from django.utils import timezone


def escape_text(value):
    """Escape a TEXT value: backslash, semicolon, comma and newlines."""
    value = str(value).replace("\r\n", "\n").replace("\r", "\n")
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\n", "\\n")


def fold(line):
    """Fold a content line so no physical line exceeds 75 octets."""
    encoded = line.encode("utf-8")
    if len(encoded) <= 75:
        return line
    parts, current, limit = [], b"", 75
    for char in line:
        octets = char.encode("utf-8")
        if len(current) + len(octets) > limit:
            parts.append(current.decode("utf-8"))
            # Continuation lines start with a space, which counts too.
            current, limit = b"", 74
        current += octets
    parts.append(current.decode("utf-8"))
    return "\r\n ".join(parts)


def utc_stamp(moment):
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def webinar_ics(webinar, url, host, now=None):
    """The calendar text for one webinar. The join link is never included:
    it belongs to registered learners only."""
    now = now or timezone.now()
    description = webinar.description_text
    if url:
        description = f"{description}\n\n{url}" if description else url
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Belajar ASN//Webinar//ID",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:webinar-{webinar.pk}@{host}",
        f"DTSTAMP:{utc_stamp(now)}",
        f"DTSTART:{utc_stamp(webinar.start_at)}",
        f"DTEND:{utc_stamp(webinar.end_at)}",
        f"SUMMARY:{escape_text(webinar.title)}",
        f"DESCRIPTION:{escape_text(description)}",
        f"LOCATION:{escape_text(webinar.get_platform_display())}",
    ]
    if url:
        lines.append(f"URL:{url}")
    lines += ["END:VEVENT", "END:VCALENDAR"]
    return "".join(fold(line) + "\r\n" for line in lines)


def webinar_ics_response(webinar, request):
    """An attachment response for ``webinar``'s calendar file."""
    url = webinar.get_full_url(request)
    host = request.get_host().split(":")[0] or "belajar-asn"
    response = HttpResponse(
        webinar_ics(webinar, url, host), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{webinar.slug}.ics"'
    return response
