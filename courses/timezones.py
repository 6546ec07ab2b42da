"""Indonesia's three time zones and the one a viewer sees."""

import zoneinfo

from django.utils.translation import gettext_lazy as _

# (IANA name, abbreviation, long name), west to east.
ZONES = (
    ("Asia/Jakarta", "WIB", _("Western Indonesia Time")),
    ("Asia/Makassar", "WITA", _("Central Indonesia Time")),
    ("Asia/Jayapura", "WIT", _("Eastern Indonesia Time")),
)
DEFAULT_ZONE = "Asia/Jakarta"


def zone_label(name):
    """WIB, WITA or WIT for an IANA zone name (the name itself otherwise)."""
    return {zone: label for zone, label, _long in ZONES}.get(name, name)


def viewer_zone(request):
    """The zone to show times in: the user's own, or WIB for visitors."""
    user = getattr(request, "user", None)
    name = DEFAULT_ZONE
    if user is not None and user.is_authenticated:
        name = getattr(user, "time_zone", "") or DEFAULT_ZONE
    try:
        zone = zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        name, zone = DEFAULT_ZONE, zoneinfo.ZoneInfo(DEFAULT_ZONE)
    return {"name": name, "zone": zone, "label": zone_label(name)}


def all_zones():
    """Every Indonesian zone, for the 'in other zones' line."""
    return [
        {"name": name, "zone": zoneinfo.ZoneInfo(name), "label": label}
        for name, label, _long in ZONES
    ]
