"""Validation of ASN identifiers."""

import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

PPPK_CODE = 21


def normalise_nip(value):
    """Drop the spaces and dots people type between the NIP's parts."""
    return "".join(ch for ch in str(value) if ch not in " .-")


def validate_nip(value):
    """Check the shape of an 18-digit NIP.

    Digits 1-8 are a birth date, 9-14 the CPNS start month (YYYYMM; for PPPK
    the year and the code 21), 15 the sex (1 or 2) and 16-18 a sequence
    number. Only the shape is checked; the
    derived values are never shown as HR facts.
    """
    nip = normalise_nip(value)
    if len(nip) != 18 or not nip.isdigit():
        raise ValidationError(_("NIP must be exactly 18 digits."), code="nip_length")
    try:
        datetime.date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
    except ValueError:
        raise ValidationError(
            _("The first 8 digits of the NIP must be a valid date (YYYYMMDD)."),
            code="nip_birth_date",
        ) from None
    # PPPK numbers carry the code 21 where a PNS number has the CPNS month.
    start_year, start_month = int(nip[8:12]), int(nip[12:14])
    if not (1 <= start_month <= 12 or start_month == PPPK_CODE) or start_year < 1950:
        raise ValidationError(
            _("Digits 9-14 of the NIP must be a valid year and month (YYYYMM)."),
            code="nip_start",
        )
    if nip[14] not in "12":
        raise ValidationError(
            _("Digit 15 of the NIP must be 1 or 2."), code="nip_sex_digit"
        )
