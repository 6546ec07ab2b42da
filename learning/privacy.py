"""A learner's own data, and forgetting a person who has left.

``export_personal_data`` gathers everything the platform holds about one
account (profile, enrolments, progress, quiz attempts with answers,
questionnaires, JP ledger, certificates, webinar registrations) for the
learner to download from their profile, as a ZIP of ``data.json`` and the
PDFs of their valid certificates.

``anonymise_person`` removes a departed ASN's identity (name, NIP, e-mail,
phone, username, password) while keeping every learning record and JP entry,
so counts, averages and JP totals per unit stay what they were. It is done
by a superuser, or by the Admin instansi of the person's instansi, from the
user admin, and logged in Wagtail's history.
"""

import datetime
import io
import json
import zipfile
from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from people.models import User
from people.roles import is_admin_instansi
from people.scoping import can_manage_account, people_visible_to

from .certificate_views import pdf_filename
from .certificates import render_certificate_pdf, verification_url
from .models import (
    Certificate,
    Enrolment,
    JPLedgerEntry,
    ModuleFeedback,
    ModuleProgress,
    QuizAttempt,
    WebinarRegistration,
)

ANONYMISE_ACTION = "lms.people.anonymise"
EXPORT_FORMAT_VERSION = 1


# Export ---------------------------------------------------------------------


def _json_default(value):
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return str(value)


def _profile(user):
    return {
        "username": user.username,
        "full_name": user.full_name,
        "title_prefix": user.title_prefix,
        "title_suffix": user.title_suffix,
        "nip": user.nip,
        "email": user.email,
        "phone": user.phone,
        "employment_status": user.employment_status,
        "instansi": str(user.instansi) if user.instansi_id else None,
        "unit_kerja": str(user.unit_kerja) if user.unit_kerja_id else None,
        "jabatan": user.jabatan,
        "jabatan_type": user.jabatan_type,
        "golongan": user.golongan,
        "time_zone": user.time_zone,
        "date_joined": user.date_joined,
        "last_login": user.last_login,
    }


def _attempt(attempt):
    """One attempt with the learner's answers and the questions' text (never
    the answer key: it may still be secret for a retake)."""
    questions = {q["id"]: q for q in attempt.snapshot.get("questions", [])}
    # Right/wrong per question only where the learner may see it anyway.
    graded = (
        attempt.submitted_at is not None and attempt.module.quiz_show_answers != "never"
    )
    answers = []
    for answer in attempt.answers.all():
        question = questions.get(answer.question_id, {})
        options = {o["id"]: o["text"] for o in question.get("options", [])}
        value = answer.value
        if options:
            ids = value if isinstance(value, list) else [value]
            value = [options.get(i, i) for i in ids]
        answers.append(
            {
                "question": question.get("text", answer.question_id),
                "answer": value,
                "correct": answer.is_correct if graded else None,
                "points": answer.points if graded else None,
                "saved_at": answer.saved_at,
            }
        )
    return {
        "module": attempt.module.title,
        "number": attempt.number,
        "started_at": attempt.started_at,
        "submitted_at": attempt.submitted_at,
        "score": attempt.score,
        "passed": attempt.passed,
        "answers": answers,
    }


def export_personal_data(user):
    """Everything held about ``user``, as a JSON-ready dict."""
    enrolments = Enrolment.objects.filter(user=user).select_related(
        "course", "assignment"
    )
    return {
        "format_version": EXPORT_FORMAT_VERSION,
        "exported_at": timezone.now(),
        "profile": _profile(user),
        "enrolments": [
            {
                "course": e.course.title,
                "source": e.source,
                "assignment_reason": e.assignment.reason if e.assignment else "",
                "deadline": e.deadline,
                "enrolled_at": e.enrolled_at,
                "completed_at": e.completed_at,
            }
            for e in enrolments.order_by("enrolled_at")
        ],
        "module_progress": [
            {
                "module": p.module.title,
                "started_at": p.started_at,
                "last_seen_at": p.last_seen_at,
                "seconds_spent": p.seconds_spent,
                "completed_at": p.completed_at,
                "completed_by": p.completed_by,
            }
            for p in ModuleProgress.objects.filter(user=user)
            .select_related("module")
            .order_by("started_at")
        ],
        "quiz_attempts": [
            _attempt(a)
            for a in QuizAttempt.objects.filter(user=user)
            .select_related("module")
            .prefetch_related("answers")
            .order_by("started_at")
        ],
        "questionnaires": [
            {
                "module": f.module.title,
                "rating_material": f.rating_material,
                "rating_delivery": f.rating_delivery,
                "rating_practical": f.rating_practical,
                "rating_overall": f.rating_overall,
                "comment": f.comment,
                "created_at": f.created_at,
                "updated_at": f.updated_at,
            }
            for f in ModuleFeedback.objects.filter(user=user)
            .select_related("module")
            .order_by("created_at")
        ],
        "jp_ledger": [
            {
                "activity": e.title,
                "source": e.source_type,
                "path": e.path,
                "form": e.form,
                "jp": e.jp,
                "date": e.earned_on,
                "evidence_link": e.evidence_url,
                "evidence_file": e.evidence_file.name if e.evidence_file else "",
                "manual": e.manual,
                "note": e.note,
            }
            for e in JPLedgerEntry.objects.filter(user=user).order_by("earned_on")
        ],
        "certificates": [
            {
                "number": c.number,
                "course": c.course_title,
                "jp": c.jp,
                "completed_on": c.completed_on,
                "issued_at": c.issued_at,
                "valid": c.is_valid,
                "revoked_reason": c.revoked_reason,
                "verification_url": verification_url(c),
            }
            for c in Certificate.objects.filter(user=user).order_by("issued_at")
        ],
        "webinar_registrations": [
            {
                "webinar": r.webinar.title,
                "status": r.status,
                "registered_at": r.registered_at,
                "cancelled_at": r.cancelled_at,
                "attended_at": r.attended_at,
            }
            for r in WebinarRegistration.objects.filter(user=user)
            .select_related("webinar")
            .order_by("registered_at")
        ],
    }


def personal_data_zip(user):
    """The export as ZIP bytes: ``data.json`` and the valid certificates' PDFs."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "data.json",
            json.dumps(
                export_personal_data(user),
                default=_json_default,
                ensure_ascii=False,
                indent=2,
            ),
        )
        for certificate in Certificate.objects.filter(
            user=user, revoked_at__isnull=True
        ):
            archive.writestr(
                f"sertifikat/{pdf_filename(certificate)}",
                render_certificate_pdf(certificate),
            )
    return buffer.getvalue()


@never_cache
@require_GET
@login_required
def download_my_data(request):
    """'Unduh data saya': the signed-in person's own data, as a ZIP file."""
    stamp = timezone.localdate().isoformat()
    response = HttpResponse(
        personal_data_zip(request.user), content_type="application/zip"
    )
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"data-belajar-asn-{stamp}.zip"
    )
    return response


# JP evidence files ---------------------------------------------------------------

EVIDENCE_PREFIX = "jp-evidence/"


@never_cache
@login_required
def evidence_file(request, path):
    """A JP evidence scan from local media, for its owner and the people who
    may see the owner (it shows the name, often the NIP). Anyone else gets a
    404, as if it did not exist; the public media route never serves these.
    """
    name = EVIDENCE_PREFIX + path
    entry = (
        JPLedgerEntry.objects.filter(
            evidence_file=name, user__in=people_visible_to(request.user)
        )
        .only("evidence_file")
        .first()
    )
    if entry is None:
        raise Http404
    try:
        handle = entry.evidence_file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, filename=path.rsplit("/", 1)[-1])
    response["X-Robots-Tag"] = "noindex"
    return response


# Anonymisation ---------------------------------------------------------------


def may_anonymise(by, person):
    """Superusers, and the Admin instansi who manages ``person``; never
    oneself, and never a superuser by anyone else but a superuser."""
    if not getattr(by, "is_authenticated", False) or not by.is_active:
        return False
    if by.pk == person.pk:
        return False
    if by.is_superuser:
        return True
    return (
        is_admin_instansi(by)
        and person.instansi_id is not None
        and person.instansi_id == by.instansi_id
        and can_manage_account(by, person)
    )


def placeholder_name(person):
    return f"ASN anonim #{person.pk}"


def anonymise_person(person, *, by, now=None):
    """Replace ``person``'s identity with placeholders; keep their records.

    Name, titles, NIP, e-mail, phone, username and free-text jabatan are
    replaced or cleared, the password made unusable (which also ends every
    session) and the account deactivated. Enrolments, progress, attempts,
    questionnaires, JP entries and certificates stay, with the certificates'
    copied name and NIP anonymised too. Uploaded JP evidence scans (which
    show the name) are deleted. Returns the counts written to the log.
    """
    if not may_anonymise(by, person):
        raise PermissionDenied
    now = now or timezone.now()
    name = placeholder_name(person)
    with transaction.atomic():
        person = User.objects.select_for_update().get(pk=person.pk)
        old_username = person.username
        person.username = f"anonim-{person.pk}"
        person.full_name = name
        person.first_name = person.last_name = ""
        person.title_prefix = person.title_suffix = ""
        person.nip = None
        person.email = ""
        person.phone = ""
        person.jabatan = ""
        person.is_active = False
        person.set_unusable_password()
        person.save()
        certificates = Certificate.objects.filter(user=person).update(
            holder_name=name, holder_nip=""
        )
        evidence = list(
            JPLedgerEntry.objects.filter(user=person).exclude(evidence_file="")
        )
        for entry in evidence:
            entry.evidence_file.delete(save=False)
        JPLedgerEntry.objects.filter(pk__in=[e.pk for e in evidence]).update(
            evidence_file=""
        )
        _forget_elsewhere(person, old_username)
        counts = {
            "certificates": certificates,
            "evidence_files_deleted": len(evidence),
            "enrolments_kept": Enrolment.objects.filter(user=person).count(),
            "jp_entries_kept": JPLedgerEntry.objects.filter(user=person).count(),
        }
        log(instance=person, action=ANONYMISE_ACTION, user=by, data=counts)
    return counts


def _forget_elsewhere(person, old_username):
    """The name in history labels, login attempts and the avatar."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from django.contrib.contenttypes.models import ContentType

    user_type = ContentType.objects.get_for_model(User)
    ModelLogEntry.objects.filter(
        content_type=user_type, object_id=str(person.pk)
    ).update(label=str(person))
    for model in (AccessAttempt, AccessLog, AccessFailureLog):
        model.objects.filter(username=old_username).delete()
    profile = getattr(person, "wagtail_userprofile", None)
    if profile is not None and profile.avatar:
        profile.avatar.delete(save=True)
