"""Certificates of completed courses: issue, revoke, re-issue, render.

A certificate copies what it prints (name with titles, NIP, course, JP,
competency, dates, issuer) when it is issued, so its PDF is byte for byte the
same at every download, whatever changes later. Anyone holding its code can
check it at ``/sertifikat/<code>/``; only the holder and the administrators
who may see the holder download the PDF, since it carries the NIP.
"""

import logging
import secrets
import unicodedata

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from people.roles import is_admin_instansi
from people.scoping import people_visible_to

from .models import Certificate, Enrolment, JPLedgerEntry

logger = logging.getLogger(__name__)

DEFAULT_ISSUER = "Badan Kepegawaian dan Pengembangan SDM"
NUMBER_PREFIX = "SERT"
REVOKE_ACTION = "lms.certificate.revoke"
REISSUE_ACTION = "lms.certificate.reissue"
REASON_MAX_LENGTH = Certificate._meta.get_field("revoked_reason").max_length


class CertificateError(Exception):
    """A certificate action that cannot be done; the message is for people."""

    def __init__(self, message, code=None):
        super().__init__(message)
        self.message = message
        self.code = code


# Who may do what ----------------------------------------------------------


def may_manage_certificates(user):
    """Whether ``user`` revokes and re-issues certificates at all: superusers,
    and the Admin instansi of the holders' instansi."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.is_superuser or is_admin_instansi(user)


def certificates_managed_by(user):
    """Certificates ``user`` may list, revoke and re-issue in the admin."""
    if not may_manage_certificates(user):
        return Certificate.objects.none()
    if user.is_superuser:
        return Certificate.objects.all()
    return Certificate.objects.filter(user__in=people_visible_to(user))


def certificates_downloadable_by(user):
    """Certificates whose PDF (with the NIP) ``user`` may download: their own,
    and those they manage."""
    if not getattr(user, "is_authenticated", False):
        return Certificate.objects.none()
    if may_manage_certificates(user):
        return Certificate.objects.filter(
            Q(user=user) | Q(pk__in=certificates_managed_by(user).values("pk"))
        )
    return Certificate.objects.filter(user=user)


def certificates_of(user):
    """A learner's certificates for their dashboard: valid ones first, newest
    first (one query)."""
    return Certificate.objects.filter(user=user).order_by(
        F("revoked_at").desc(nulls_first=True), "-issued_at"
    )


def verification_path(certificate):
    """The public verification page of a certificate (a relative URL)."""
    return reverse("certificates:verify", args=[certificate.code])


def verification_url(certificate):
    """The verification page as an absolute URL, for the PDF and its QR code."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + verification_path(certificate)


def _check_manager(by, certificate):
    if not certificates_managed_by(by).filter(pk=certificate.pk).exists():
        raise PermissionDenied


# Issuing --------------------------------------------------------------------


def issuer_for(user):
    """Who issues a certificate to ``user``: their instansi, else the setting."""
    if user.instansi_id:
        return user.instansi.name
    return getattr(settings, "LMS_CERTIFICATE_ISSUER", DEFAULT_ISSUER)


def _competency_label(course):
    # The labels are frozen in the site's language: a certificate is an
    # Indonesian document whatever language the learner browses in.
    with translation.override(settings.LANGUAGE_CODE):
        label = str(course.get_competency_type_display())
        if course.managerial_competency:
            label = f"{label}: {course.get_managerial_competency_display()}"
    return label[: Certificate._meta.get_field("competency_type").max_length]


def _credited_jp(enrolment):
    """The JP the ledger holds for this completion, else the course's credit,
    so a re-issued certificate prints what was actually credited."""
    credited = (
        JPLedgerEntry.objects.filter(
            user_id=enrolment.user_id,
            source_type=JPLedgerEntry.Source.COURSE,
            source_id=str(enrolment.pk),
        )
        .values_list("jp", flat=True)
        .first()
    )
    return credited if credited is not None else enrolment.course.jp_credit


def _create(enrolment, now, *, replaces=None):
    """Insert a certificate with a fresh snapshot and its number (in the
    caller's savepoint)."""
    user, course = enrolment.user, enrolment.course
    code = secrets.token_urlsafe(16)  # 22 URL-safe characters, 128 random bits
    certificate = Certificate.objects.create(
        user=user,
        enrolment=enrolment,
        course=course,
        # A placeholder, unique like the code, until the id is known.
        number=f"~{code}",
        code=code,
        issued_at=now,
        completed_on=timezone.localdate(enrolment.completed_at),
        holder_name=user.display_name[:300],
        holder_nip=user.nip or "",
        course_title=course.title[:255],
        competency_type=_competency_label(course),
        jp=_credited_jp(enrolment),
        issuer=issuer_for(user)[:300],
        replaces=replaces,
    )
    # The sequence is the row id: unique for ever and never handed out twice,
    # so parallel issues need no lock and no retry.
    year = timezone.localtime(now, timezone.get_default_timezone()).year
    certificate.number = f"{NUMBER_PREFIX}/{year}/{certificate.pk:06d}"
    Certificate.objects.filter(pk=certificate.pk).update(number=certificate.number)
    return certificate


def _valid_certificate(enrolment):
    return Certificate.objects.filter(
        enrolment=enrolment, revoked_at__isnull=True
    ).first()


def _completed_enrolment(enrolment_id, *, lock=False):
    queryset = Enrolment.objects.select_related("user__instansi", "course")
    if lock:
        queryset = queryset.select_for_update(of=("self",))
    enrolment = queryset.filter(pk=enrolment_id).first()
    if enrolment is None or enrolment.completed_at is None:
        raise CertificateError(
            _("A certificate is issued only for a completed course."),
            code="not_completed",
        )
    return enrolment


def issue_certificate(enrolment, *, now=None):
    """The valid certificate of a completed enrolment, issued if it has none.

    Safe to call twice or in parallel: the database allows one valid
    certificate per enrolment, and the loser of a race returns the winner's.
    """
    existing = _valid_certificate(enrolment)
    if existing is not None:
        return existing
    now = now or timezone.now()
    with transaction.atomic():
        enrolment = _completed_enrolment(enrolment.pk)
        for _attempt in range(3):
            try:
                with transaction.atomic():
                    certificate = _create(enrolment, now)
            except IntegrityError:
                existing = _valid_certificate(enrolment)
                if existing is not None:
                    return existing
                continue  # a code collision (never seen in practice): draw again
            logger.info(
                "Certificate %s issued to user %s",
                certificate.number,
                enrolment.user_id,
            )
            return certificate
    raise CertificateError(_("The certificate could not be issued. Try again."))


def revoke_certificate(certificate, *, by, reason, now=None):
    """Revoke a certificate with a reason shown on its verification page.

    Revoking a revoked certificate changes nothing (the first reason stays).
    """
    reason = " ".join((reason or "").split())
    if not reason:
        raise ValidationError(
            {
                "reason": _(
                    "Give the reason for revoking the certificate; it is shown on "
                    "the public verification page."
                )
            },
            code="reason_required",
        )
    if len(reason) > REASON_MAX_LENGTH:
        raise ValidationError(
            {
                "reason": _("The reason can be at most %(max)d characters.")
                % {"max": REASON_MAX_LENGTH}
            },
            code="reason_too_long",
        )
    _check_manager(by, certificate)
    now = now or timezone.now()
    with transaction.atomic():
        revoked = Certificate.objects.filter(
            pk=certificate.pk, revoked_at__isnull=True
        ).update(revoked_at=now, revoked_reason=reason, revoked_by=by)
        certificate.refresh_from_db()
        if revoked:
            log(
                instance=certificate,
                action=REVOKE_ACTION,
                user=by,
                data={"reason": reason},
            )
            logger.info("Certificate %s revoked by user %s", certificate.number, by.pk)
    return certificate


def reissue_certificate(certificate, *, by, now=None):
    """Issue a new certificate for the enrolment of a revoked one, with the
    holder's current name, NIP and instansi; the old one stays revoked.

    Refused while the enrolment still has a valid certificate.
    """
    _check_manager(by, certificate)
    if certificate.revoked_at is None:
        raise CertificateError(
            _("This certificate is still valid. Revoke it before re-issuing."),
            code="not_revoked",
        )
    now = now or timezone.now()
    with transaction.atomic():
        # Lock the enrolment so two administrators re-issuing at once queue up.
        enrolment = _completed_enrolment(certificate.enrolment_id, lock=True)
        current = _valid_certificate(enrolment)
        if current is not None:
            raise CertificateError(
                _("This course already has a valid certificate: %(number)s.")
                % {"number": current.number},
                code="already_valid",
            )
        try:
            with transaction.atomic():
                new = _create(enrolment, now, replaces=certificate)
        except IntegrityError as error:
            raise CertificateError(
                _("The certificate could not be issued. Try again."), code="retry"
            ) from error
        # The JP ledger's evidence link follows the certificate that is valid.
        JPLedgerEntry.objects.filter(
            user_id=enrolment.user_id,
            source_type=JPLedgerEntry.Source.COURSE,
            source_id=str(enrolment.pk),
            evidence_url=verification_path(certificate),
        ).update(evidence_url=verification_path(new))
        log(
            instance=new,
            action=REISSUE_ACTION,
            user=by,
            data={"replaces": certificate.number},
        )
        logger.info(
            "Certificate %s re-issued as %s by user %s",
            certificate.number,
            new.number,
            by.pk,
        )
    return new


# The PDF --------------------------------------------------------------------

GREEN = (11, 93, 75)
GOLD = (176, 137, 54)
INK = (27, 31, 30)
MUTED = (77, 86, 84)
RED = (164, 22, 26)

# Typographic characters outside Latin-1 that have a plain equivalent.
_PLAIN = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u2026": "...",
        "\u2022": "\u00b7",
        "\u00a0": " ",
        # Latin letters that Unicode does not decompose into a base letter.
        "\u0141": "L",
        "\u0142": "l",
        "\u0110": "D",
        "\u0111": "d",
        "\u0126": "H",
        "\u0127": "h",
        "\u0131": "i",
        "\u0152": "OE",
        "\u0153": "oe",
        "\u1e9e": "SS",
    }
)


def pdf_text(text):
    """``text`` in the Latin-1 that the PDF core fonts can draw.

    Accents outside Latin-1 are dropped (``Ł`` → ``L``, ``ő`` → ``o``);
    anything still unknown becomes ``?``, so no name can break the PDF.
    """
    chars = []
    for char in str(text).translate(_PLAIN):
        if unicodedata.category(char) in ("Cc", "Cf"):
            continue
        if ord(char) < 256:
            chars.append(char)
            continue
        plain = "".join(
            part
            for part in unicodedata.normalize("NFKD", char)
            if ord(part) < 256 and not unicodedata.combining(part)
        )
        chars.append(plain or "?")
    return "".join(chars)


def _long_date(value):
    with translation.override(settings.LANGUAGE_CODE):
        return formats.date_format(value, "j F Y")


def _jp_text(value):
    with translation.override(settings.LANGUAGE_CODE):
        return floatformat(value, -1)


def _fit(pdf, text, width, size, *, style="", minimum=9):
    """Set the largest font size up to ``size`` at which ``text`` fits."""
    while size > minimum:
        pdf.set_font("Helvetica", style, size)
        if pdf.get_string_width(text) <= width:
            return size
        size -= 1
    pdf.set_font("Helvetica", style, minimum)
    return minimum


def _draw_qr(pdf, data, x, y, size):
    """Draw ``data`` as a QR code of ``size`` mm, in vectors (crisp, small)."""
    import segno

    qr = segno.make(data, error="m", micro=False)
    matrix = qr.matrix
    module = size / len(matrix)
    pdf.set_fill_color(*INK)
    for row_index, row in enumerate(matrix):
        start = None
        for col_index, dark in enumerate([*row, 0]):
            if dark and start is None:
                start = col_index
            elif not dark and start is not None:
                pdf.rect(
                    x + start * module,
                    y + row_index * module,
                    (col_index - start) * module,
                    module,
                    style="F",
                )
                start = None


def render_certificate_pdf(certificate):
    """The certificate as an A4 landscape PDF (bytes), built in memory.

    Only the core Helvetica font is used, nothing is read from disk, and the
    document's dates and identifier derive from the certificate, so the same
    certificate always gives the same bytes.
    """
    from fpdf import FPDF

    with translation.override(settings.LANGUAGE_CODE):
        texts = {
            "title": _("CERTIFICATE"),
            "number": _("Number: %(number)s") % {"number": certificate.number},
            "awarded": _("is awarded to"),
            "nip": _("NIP %(nip)s") % {"nip": certificate.holder_nip},
            "for": _("for successfully completing the e-learning course"),
            "load": _("%(jp)s JP (lesson hours) · competency: %(competency)s")
            % {
                "jp": _jp_text(certificate.jp),
                "competency": certificate.competency_type,
            },
            "completed": _("completed on %(date)s")
            % {"date": _long_date(certificate.completed_on)},
            "issued_by": _("Issued by"),
            "issued_on": _("Date of issue: %(date)s")
            % {
                "date": _long_date(
                    timezone.localtime(
                        certificate.issued_at, timezone.get_default_timezone()
                    ).date()
                )
            },
            "verify": _("Check that this certificate is genuine:"),
            "scan": _(
                "Scan the QR code or open the address above. An electronic "
                "certificate needs no wet signature."
            ),
            "code": _("Verification code: %(code)s") % {"code": certificate.code},
            "revoked": _("REVOKED on %(date)s")
            % {"date": _long_date(certificate.revoked_at or certificate.issued_at)},
        }
    texts = {key: pdf_text(value) for key, value in texts.items()}
    url = verification_url(certificate)

    pdf = FPDF(orientation="landscape", unit="mm", format="A4")
    pdf.set_creation_date(certificate.issued_at)
    pdf.set_title(pdf_text(f"{texts['title'].title()} {certificate.number}"))
    pdf.set_subject(pdf_text(certificate.course_title))
    pdf.set_author(pdf_text(certificate.issuer))
    pdf.set_creator("Belajar ASN")
    pdf.set_lang(settings.LANGUAGE_CODE)
    pdf.set_auto_page_break(False)
    pdf.set_margins(0, 0, 0)
    pdf.add_page()
    width, height = pdf.w, pdf.h
    inner = width - 60  # text column, 30 mm from each side

    # Frame: a heavy green border, a thin gold one inside it.
    pdf.set_draw_color(*GREEN)
    pdf.set_line_width(2.2)
    pdf.rect(9, 9, width - 18, height - 18)
    pdf.set_draw_color(*GOLD)
    pdf.set_line_width(0.4)
    pdf.rect(13, 13, width - 26, height - 26)

    def centred(text, y, size, *, style="", color=INK, spacing=0):
        """One centred line, shrunk to fit; wrapped if even that is too long."""
        pdf.set_text_color(*color)
        pdf.set_char_spacing(spacing)
        size = _fit(pdf, text, inner, size, style=style, minimum=min(size, 12))
        pdf.set_xy(30, y)
        if pdf.get_string_width(text) <= inner:
            pdf.cell(inner, size * 0.45, text, align="C")
        else:
            pdf.multi_cell(inner, size * 0.45, text, align="C")
        pdf.set_char_spacing(0)

    centred(pdf_text(certificate.issuer).upper(), 22, 11, style="B", color=GREEN)
    centred(texts["title"], 34, 38, style="B", color=GREEN, spacing=4)
    pdf.set_draw_color(*GOLD)
    pdf.set_line_width(0.6)
    pdf.line(width / 2 - 30, 55, width / 2 + 30, 55)
    centred(texts["number"], 58, 11, color=MUTED)
    centred(texts["awarded"], 70, 13, style="I", color=MUTED)
    centred(pdf_text(certificate.holder_name), 79, 26, style="B")
    if certificate.holder_nip:
        centred(texts["nip"], 93, 12, color=MUTED)
    centred(texts["for"], 104, 13, style="I", color=MUTED)

    # The course title may need two or three lines.
    pdf.set_text_color(*INK)
    title = pdf_text(certificate.course_title)
    size = 20 if len(title) <= 60 else 16 if len(title) <= 130 else 13
    pdf.set_font("Helvetica", "B", size)
    pdf.set_xy(30, 112)
    pdf.multi_cell(inner, size * 0.5, title, align="C", max_line_height=size * 0.5)
    y = max(pdf.get_y(), 122) + 3
    centred(texts["load"], y, 12, color=INK)
    centred(texts["completed"], y + 8, 12, color=MUTED)

    # Bottom left: QR code and the address it holds.
    qr_size = 34
    qr_y = height - 24 - qr_size
    _draw_qr(pdf, url, 24, qr_y, qr_size)
    pdf.set_text_color(*MUTED)
    pdf.set_font("Helvetica", "", 9)
    pdf.set_xy(24 + qr_size + 5, qr_y + 6)
    pdf.cell(100, 5, texts["verify"])
    pdf.set_text_color(*GREEN)
    _fit(pdf, pdf_text(url), 110, 9, style="B", minimum=6)
    pdf.set_xy(24 + qr_size + 5, qr_y + 12)
    pdf.cell(110, 5, pdf_text(url), link=url)
    pdf.set_text_color(*MUTED)
    pdf.set_font("Helvetica", "", 8)
    pdf.set_xy(24 + qr_size + 5, qr_y + 18)
    pdf.cell(110, 4, texts["code"])
    pdf.set_xy(24 + qr_size + 5, qr_y + 23)
    pdf.multi_cell(90, 3.6, texts["scan"], align="L")

    # Bottom right: the issuer.
    right_x, right_w = width - 24 - 85, 85
    pdf.set_text_color(*MUTED)
    pdf.set_font("Helvetica", "", 10)
    pdf.set_xy(right_x, qr_y + 4)
    pdf.cell(right_w, 5, texts["issued_on"], align="C")
    pdf.set_xy(right_x, qr_y + 10)
    pdf.cell(right_w, 5, texts["issued_by"], align="C")
    pdf.set_draw_color(*GOLD)
    pdf.set_line_width(0.3)
    pdf.line(right_x + 5, qr_y + 27, right_x + right_w - 5, qr_y + 27)
    pdf.set_text_color(*INK)
    pdf.set_font("Helvetica", "B", 11)
    pdf.set_xy(right_x, qr_y + 29)
    pdf.multi_cell(right_w, 5, pdf_text(certificate.issuer), align="C")

    if certificate.revoked_at is not None:
        # Only administrators see a revoked certificate's PDF; say so on it.
        pdf.set_text_color(*RED)
        pdf.set_font("Helvetica", "B", 16)
        pdf.set_xy(30, 15.5)
        pdf.cell(inner, 6, texts["revoked"], align="C")

    return bytes(pdf.output())
