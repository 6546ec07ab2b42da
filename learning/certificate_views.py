"""Certificate pages: public verification and the PDF download.

The verification page is for anybody holding the code (an employer, an
assessor), so it shows only what the certificate itself states publicly and
never the NIP. The PDF carries the NIP, so only its holder and the
administrators who may see the holder download it; anybody else gets a 404,
as if it did not exist.
"""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header

from .certificates import certificates_downloadable_by, render_certificate_pdf
from .models import Certificate

# A verifier may see a revocation up to this late; the page is cheap to
# serve, so a short lifetime costs little.
VERIFY_MAX_AGE = 60


def _public_facts(certificate):
    """What the verification page may show: nothing personal beyond the name."""
    return {
        "number": certificate.number,
        "holder_name": certificate.holder_name,
        "course_title": certificate.course_title,
        "jp": certificate.jp,
        "completed_on": certificate.completed_on,
        "issuer": certificate.issuer,
        "issued_at": certificate.issued_at,
        "is_valid": certificate.is_valid,
        "revoked_at": certificate.revoked_at,
        "revoked_reason": certificate.revoked_reason,
    }


def verify(request, code):
    """'Verifikasi sertifikat': is this certificate genuine and still valid?"""
    certificate = Certificate.objects.filter(code=code).first()
    if certificate is None:
        raise Http404
    replacement = None
    if not certificate.is_valid:
        replacement = (
            Certificate.objects.filter(replaces=certificate, revoked_at__isnull=True)
            .only("number", "code")
            .first()
        )
    is_holder = request.user.is_authenticated and request.user.pk == certificate.user_id
    response = TemplateResponse(
        request,
        "learning/certificate_verify.html",
        {
            "certificate": _public_facts(certificate),
            "code": certificate.code,
            "replacement": replacement,
            "can_download": is_holder and certificate.is_valid,
        },
    )
    response["X-Robots-Tag"] = "noindex"
    patch_cache_control(response, private=True, max_age=VERIFY_MAX_AGE)
    return response


def pdf_filename(certificate):
    """A clean file name: ``sertifikat-SERT-2026-000123.pdf``."""
    return f"sertifikat-{certificate.number.replace('/', '-')}.pdf"


@login_required
def download(request, code):
    """The certificate's PDF, for its holder and the administrators who may
    see the holder.

    A revoked certificate is not handed out any more: the page says so and
    why, and points to its replacement when there is one.
    """
    certificate = certificates_downloadable_by(request.user).filter(code=code).first()
    if certificate is None:
        raise Http404
    if not certificate.is_valid:
        replacement = (
            certificates_downloadable_by(request.user)
            .filter(replaces=certificate, revoked_at__isnull=True)
            .only("number", "code")
            .first()
        )
        response = TemplateResponse(
            request,
            "learning/certificate_revoked.html",
            {"certificate": certificate, "replacement": replacement},
            status=410,
        )
    else:
        response = HttpResponse(
            render_certificate_pdf(certificate), content_type="application/pdf"
        )
        response["Content-Disposition"] = content_disposition_header(
            as_attachment=True, filename=pdf_filename(certificate)
        )
    response["X-Robots-Tag"] = "noindex"
    # The PDF holds the NIP: keep it out of shared caches and the browser's.
    patch_cache_control(response, private=True, no_store=True)
    return response
