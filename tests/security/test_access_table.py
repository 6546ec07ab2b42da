"""Who may open what: one table for every URL pattern of the site and the
admin, walked for every role.

Each row names a URL pattern exactly as Django's resolver spells it, a URL
that reaches it (built from the ``world`` fixture), the method, and what
each role gets, one letter per role in the order of the columns below:

    O  ok: a 2xx answer
    R  a redirect somewhere other than a login page (e.g. back to the page
       with a message, or the next module)
    L  a redirect to a login page (the site's, Wagtail's, Django admin's)
    D  refused or hidden: 403, 404, 410, or Wagtail's "no permission"
       redirect to the admin home
    N  not allowed either way: L or D
    *  anything but a server error (Wagtail's own screens for staff, whose
       permissions are Wagtail's business, not this project's)
    E  a server error on purpose (Wagtail's error-page test screen)

Patterns from Wagtail and Django themselves may instead fall under a
prefix rule (``GROUP_RULES``). Every pattern of this project must have its
own row: a new URL without one fails ``test_every_url_pattern_has_a_row``.
"""

import dataclasses
import re
from collections.abc import Callable
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from wagtail.documents.models import Document

from tests.security.conftest import ROLES

# Columns:  anonymous, learner, other learner, trainer, other trainer,
#           supervisor, admin instansi, other admin instansi, superuser.
PUBLIC = "OOOOOOOOO"
PUBLIC_OR_REDIRECT = "*********"
SIGNED_IN = "LOOOOOOOO"
SIGNED_IN_ACTION = "LRRRRRRRR"
OWNER_ONLY = "LODDDDDDD"
REPORTS = "LNNDDOOOO"  # superusers, Admin instansi, supervisors
ADMIN_INSTANSI = "LNNDDDOOO"  # superusers and any Admin instansi
OWN_INSTANSI = "LNNDDDODO"  # superusers and the Admin instansi of the row
SUPERUSER_ONLY = "LNNDDDDDO"
NOBODY = "LNNDDDDDD"
WAGTAIL_STAFF = "LNN******"  # Wagtail's own screens: staff only
DJANGO_ADMIN = "LLL**L***"  # Django's admin: is_staff only (not the supervisor)

PAGES = "^((?:[\\w\\-]+/)*)$"  # Wagtail's page tree
LOGIN_PATHS = {"/akun/masuk/", "/admin/login/", "/django-admin/login/", "/_util/login/"}


@dataclasses.dataclass
class Row:
    pattern: str
    url: Callable  # world -> URL
    expect: str
    method: str = "get"
    data: Callable | None = None  # world -> POST data
    relogin: bool = False  # the request logs the client out


def r(pattern, url, expect, **kwargs):
    if isinstance(url, str):
        fixed = url
        url = lambda w: fixed  # noqa: E731
    assert len(expect) == len(ROLES), pattern
    return Row(pattern, url, expect, **kwargs)


def _id(name):
    return lambda w: getattr(w, name).pk


FEEDBACK = {
    "rating_material": "5",
    "rating_delivery": "5",
    "rating_practical": "5",
    "rating_overall": "5",
    "comment": "Bagus",
}

# fmt: off
TABLE = [
    # --- Site: operations, search, language -------------------------------------
    r("healthz", "/healthz", PUBLIC),
    r("search/", "/search/?query=etika", PUBLIC),
    r("i18n/setlang/", "/i18n/setlang/", "RRRRRRRRR", method="post",
      data=lambda w: {"language": "id", "next": "/"}),
    r("jsi18n/", "/jsi18n/", PUBLIC),
    r("sitemap.xml", "/sitemap.xml", PUBLIC),
    r("tag/<str:slug>/", lambda w: f"/tag/{w.tag.slug}/", PUBLIC),
    # The installable web app: manifest, service worker, offline page.
    r("manifest.webmanifest", "/manifest.webmanifest", PUBLIC),
    r("sw.js", "/sw.js", PUBLIC),
    r("luring/", "/luring/", PUBLIC),
    # --- Accounts ----------------------------------------------------------------
    r("akun/masuk/", "/akun/masuk/", "ORRRRRRRR"),
    r("akun/keluar/", "/akun/keluar/", "RRRRRRRRR", method="post", relogin=True),
    r("akun/profil/", "/akun/profil/", SIGNED_IN),
    r("akun/profil/data/", "/akun/profil/data/", SIGNED_IN),
    r("akun/sandi/lupa/", "/akun/sandi/lupa/", PUBLIC),
    r("akun/sandi/lupa/terkirim/", "/akun/sandi/lupa/terkirim/", PUBLIC),
    r("akun/sandi/atur/<uidb64>/<token>/", "/akun/sandi/atur/MQ/bad-token/", PUBLIC),
    r("akun/sandi/atur/selesai/", "/akun/sandi/atur/selesai/", PUBLIC),
    r("akun/sandi/ubah/", "/akun/sandi/ubah/", SIGNED_IN),
    r("akun/sandi/ubah/selesai/", "/akun/sandi/ubah/selesai/", SIGNED_IN),
    # --- The learner's pages and actions (/belajar/) ----------------------------------
    r("belajar/", "/belajar/", SIGNED_IN),
    # Joining, completing, quizzes and questionnaires answer with a redirect
    # either way; whether anything was written is tested in
    # test_object_access.py.
    # (Another course than the one the rows below use, so nobody but the
    # learner is enrolled in that one.)
    r("belajar/kursus/<int:course_id>/ikuti/",
      lambda w: f"/belajar/kursus/{w.done_course.pk}/ikuti/", SIGNED_IN_ACTION,
      method="post"),
    r("belajar/modul/<int:module_id>/selesai/",
      lambda w: f"/belajar/modul/{w.plain_module.pk}/selesai/", SIGNED_IN_ACTION,
      method="post"),
    r("belajar/modul/<int:module_id>/kuis/mulai/",
      lambda w: f"/belajar/modul/{w.quiz_module.pk}/kuis/mulai/", SIGNED_IN_ACTION,
      method="post"),
    r("belajar/modul/<int:module_id>/kuesioner/",
      lambda w: f"/belajar/modul/{w.plain_module.pk}/kuesioner/", SIGNED_IN_ACTION,
      method="post", data=lambda w: FEEDBACK),
    # Someone else's attempt is a 404 for everybody, superusers included.
    r("belajar/kuis/<int:attempt_id>/",
      lambda w: f"/belajar/kuis/{w.attempt.pk}/", OWNER_ONLY),
    r("belajar/kuis/<int:attempt_id>/simpan/",
      lambda w: f"/belajar/kuis/{w.attempt.pk}/simpan/", OWNER_ONLY, method="post",
      data=lambda w: {"q-q-tf": "false"}),
    r("belajar/kuis/<int:attempt_id>/hasil/",
      lambda w: f"/belajar/kuis/{w.submitted_attempt.pk}/hasil/", OWNER_ONLY),
    r("belajar/webinar/<int:webinar_id>/daftar/",
      lambda w: f"/belajar/webinar/{w.webinar.pk}/daftar/", SIGNED_IN_ACTION,
      method="post"),
    r("belajar/webinar/<int:webinar_id>/batal/",
      lambda w: f"/belajar/webinar/{w.webinar.pk}/batal/", SIGNED_IN_ACTION,
      method="post"),
    r("belajar/webinar/<int:webinar_id>/hadir/",
      lambda w: f"/belajar/webinar/{w.webinar.pk}/hadir/", SIGNED_IN_ACTION,
      method="post", data=lambda w: {"code": "000000"}),
    # The webinar's trainers, superusers and any Admin instansi (who then see
    # only their own people on it).
    r("belajar/webinar/<int:webinar_id>/kehadiran/",
      lambda w: f"/belajar/webinar/{w.webinar.pk}/kehadiran/", "LDDODDOOO"),
    # Offline learning: what a learner saves, and the queue sent back later.
    r("belajar/sync/", "/belajar/sync/", SIGNED_IN),
    r("belajar/kursus/<int:course_id>/offline.json",
      lambda w: f"/belajar/kursus/{w.course.pk}/offline.json", "LODDDDDDD"),
    r("belajar/modul/<int:module_id>/kuis/offline/",
      lambda w: f"/belajar/modul/{w.quiz_module.pk}/kuis/offline/", "LORRRRRRR"),
    # --- Certificates -----------------------------------------------------------
    r("sertifikat/<slug:code>/", lambda w: f"/sertifikat/{w.certificate.code}/",
      PUBLIC),
    # The PDF carries the NIP: the holder and the administrators of the holder.
    r("sertifikat/<slug:code>/pdf/",
      lambda w: f"/sertifikat/{w.certificate.code}/pdf/", "LODDDDODO"),
    # --- Supervisors' team page -----------------------------------------------------
    r("tim/", "/tim/", "LDDDDOOOO"),
    # --- Media and documents ----------------------------------------------------------
    r("^media/(?P<path>.*)$", lambda w: w.document.file.url, PUBLIC),
    # JP evidence scans: the owner and whoever may see the owner.
    r("media/jp-evidence/<path:path>", lambda w: w.ledger_entry.evidence_file.url,
      "LODDDOODO"),
    r("documents/^(\\d+)/(.*)$", lambda w: w.document.url, PUBLIC),
    r("documents/authenticate_with_password/<int:restriction_id>/",
      "/documents/authenticate_with_password/999999/", "DDDDDDDDD"),
    # --- Wagtail pages ------------------------------------------------------------
    r(PAGES, "/", PUBLIC),
    r(PAGES, lambda w: w.course.url.rsplit("/", 2)[0] + "/", PUBLIC),  # catalogue
    r(PAGES, lambda w: w.course.url, PUBLIC),
    # Modules are for enrolled learners; staff read them without enrolling;
    # others are sent to the course page to join first.
    r(PAGES, lambda w: w.plain_module.url, "LOROOROOO"),
    r(PAGES, lambda w: w.draft.url or "/kursus/konsep/", "DDDDDDDDD"),
    r(PAGES, "/webinar/", PUBLIC),
    r(PAGES, lambda w: w.webinar.url, PUBLIC),
    r(PAGES, lambda w: w.webinar.url + "ics/", PUBLIC),
    r(PAGES, lambda w: w.policy_index.url, PUBLIC),
    r(PAGES, lambda w: w.article.url, PUBLIC),
    r("_util/login/", "/_util/login/", PUBLIC),
    r("_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
      lambda w: f"/_util/authenticate_with_password/999999/{w.course.pk}/",
      "DDDDDDDDD"),
    # --- Wagtail admin: the entrance and public screens -------------------------
    r("admin/", "/admin/", WAGTAIL_STAFF),
    r("admin/login/", "/admin/login/", "OOORRRRRR"),
    r("admin/logout/", "/admin/logout/", "LLLLLLLLL", method="post", relogin=True),
    # Wagtail's own "test the error page" screen fails on purpose for staff.
    r("admin/failwhale/", "/admin/failwhale/", "LNNEEEEEE"),
    # --- Django's admin (superusers: task results, login attempts) --------------
    r("django-admin/login/", "/django-admin/login/", "OOORRORRR"),
    r("django-admin/logout/", "/django-admin/logout/", "RRRRRRRRR", method="post",
      relogin=True),
    r("admin/password_reset/", "/admin/password_reset/", PUBLIC),
    r("admin/password_reset/done/", "/admin/password_reset/done/", PUBLIC),
    r("admin/password_reset/confirm/<uidb64>/<token>/",
      "/admin/password_reset/confirm/MQ/bad-token/", PUBLIC),
    r("admin/password_reset/complete/", "/admin/password_reset/complete/", PUBLIC),
    r("admin/jsi18n/", "/admin/jsi18n/", PUBLIC),
    r("admin/sprite/", "/admin/sprite/", PUBLIC),
    # Every log entry with people's names: superusers only (lms/urls.py).
    r("admin/reports/site-history/", "/admin/reports/site-history/",
      SUPERUSER_ONLY),
    r("admin/reports/site-history/results/",
      "/admin/reports/site-history/results/", SUPERUSER_ONLY),
    # --- Admin reports (reports app) -------------------------------------------------
    r("admin/laporan/completion/courses/", "/admin/laporan/completion/courses/",
      REPORTS),
    r("admin/laporan/completion/courses/results/",
      "/admin/laporan/completion/courses/results/", REPORTS),
    r("admin/laporan/completion/organisation/",
      "/admin/laporan/completion/organisation/", REPORTS),
    r("admin/laporan/completion/organisation/results/",
      "/admin/laporan/completion/organisation/results/", REPORTS),
    r("admin/laporan/jp/", "/admin/laporan/jp/", REPORTS),
    r("admin/laporan/jp/results/", "/admin/laporan/jp/results/", REPORTS),
    r("admin/laporan/feedback/", "/admin/laporan/feedback/", REPORTS),
    r("admin/laporan/feedback/results/", "/admin/laporan/feedback/results/", REPORTS),
    r("admin/laporan/feedback/comments/", "/admin/laporan/feedback/comments/",
      REPORTS),
    r("admin/laporan/feedback/comments/results/",
      "/admin/laporan/feedback/comments/results/", REPORTS),
    r("admin/laporan/quiz-items/", "/admin/laporan/quiz-items/", REPORTS),
    r("admin/laporan/quiz-items/results/", "/admin/laporan/quiz-items/results/",
      REPORTS),
    r("admin/laporan/learners/", "/admin/laporan/learners/", REPORTS),
    r("admin/laporan/learners/results/", "/admin/laporan/learners/results/",
      REPORTS),
    r("admin/laporan/learners/<int:pk>/",
      lambda w: f"/admin/laporan/learners/{w.users['learner'].pk}/", "LNNDDOODO"),
    r("admin/laporan/assign/",
      "/admin/laporan/assign/?report=jp", REPORTS),
    # --- Course assignments ---------------------------------------------------------
    r("admin/assignments/", "/admin/assignments/", REPORTS),
    r("admin/assignments/results/", "/admin/assignments/results/", REPORTS),
    r("admin/assignments/new/", "/admin/assignments/new/", REPORTS),
    # Made by adminntt, outside the supervisor's unit.
    r("admin/assignments/edit/<int:pk>/",
      lambda w: f"/admin/assignments/edit/{w.assignment.pk}/", OWN_INSTANSI),
    r("admin/assignments/delete/<int:pk>/",
      lambda w: f"/admin/assignments/delete/{w.assignment.pk}/", SUPERUSER_ONLY),
    r("admin/assignments/history/<int:pk>/",
      lambda w: f"/admin/assignments/history/{w.assignment.pk}/", OWN_INSTANSI),
    r("admin/assignments/history-results/<int:pk>/",
      lambda w: f"/admin/assignments/history-results/{w.assignment.pk}/",
      OWN_INSTANSI),
    r("admin/assignments/usage/<int:pk>/",
      lambda w: f"/admin/assignments/usage/{w.assignment.pk}/", OWN_INSTANSI),
    # --- The JP ledger ------------------------------------------------------------
    r("admin/jp_ledger/", "/admin/jp_ledger/", ADMIN_INSTANSI),
    r("admin/jp_ledger/results/", "/admin/jp_ledger/results/", ADMIN_INSTANSI),
    r("admin/jp_ledger/new/", "/admin/jp_ledger/new/", ADMIN_INSTANSI),
    r("admin/jp_ledger/edit/<int:pk>/",
      lambda w: f"/admin/jp_ledger/edit/{w.ledger_entry.pk}/", SUPERUSER_ONLY),
    r("admin/jp_ledger/delete/<int:pk>/",
      lambda w: f"/admin/jp_ledger/delete/{w.ledger_entry.pk}/", SUPERUSER_ONLY),
    r("admin/jp_ledger/history/<int:pk>/",
      lambda w: f"/admin/jp_ledger/history/{w.ledger_entry.pk}/", OWN_INSTANSI),
    r("admin/jp_ledger/history-results/<int:pk>/",
      lambda w: f"/admin/jp_ledger/history-results/{w.ledger_entry.pk}/",
      OWN_INSTANSI),
    r("admin/jp_ledger/usage/<int:pk>/",
      lambda w: f"/admin/jp_ledger/usage/{w.ledger_entry.pk}/", SUPERUSER_ONLY),
    r("admin/jp_ledger/inspect/<int:pk>/",
      lambda w: f"/admin/jp_ledger/inspect/{w.ledger_entry.pk}/", OWN_INSTANSI),
    # --- Certificates in the admin --------------------------------------------------
    r("admin/sertifikat/", "/admin/sertifikat/", ADMIN_INSTANSI),
    r("admin/sertifikat/results/", "/admin/sertifikat/results/", ADMIN_INSTANSI),
    # Nobody adds, edits or deletes a certificate by hand.
    r("admin/sertifikat/new/", "/admin/sertifikat/new/", NOBODY),
    r("admin/sertifikat/edit/<int:pk>/",
      lambda w: f"/admin/sertifikat/edit/{w.certificate.pk}/", NOBODY),
    r("admin/sertifikat/delete/<int:pk>/",
      lambda w: f"/admin/sertifikat/delete/{w.certificate.pk}/", NOBODY),
    r("admin/sertifikat/history/<int:pk>/",
      lambda w: f"/admin/sertifikat/history/{w.certificate.pk}/", OWN_INSTANSI),
    r("admin/sertifikat/history-results/<int:pk>/",
      lambda w: f"/admin/sertifikat/history-results/{w.certificate.pk}/",
      OWN_INSTANSI),
    r("admin/sertifikat/usage/<int:pk>/",
      lambda w: f"/admin/sertifikat/usage/{w.certificate.pk}/", NOBODY),
    r("admin/sertifikat/inspect/<int:pk>/",
      lambda w: f"/admin/sertifikat/inspect/{w.certificate.pk}/", OWN_INSTANSI),
    r("admin/sertifikat/revoke/<int:pk>/",
      lambda w: f"/admin/sertifikat/revoke/{w.certificate.pk}/", OWN_INSTANSI),
    # A valid certificate: the re-issue screen sends back to it.
    r("admin/sertifikat/reissue/<int:pk>/",
      lambda w: f"/admin/sertifikat/reissue/{w.certificate.pk}/", "LNNDDDRDR"),
    # --- Organisation: instansi, unit kerja, ASN import -----------------------------
    r("admin/organisasi/instansi/", "/admin/organisasi/instansi/", ADMIN_INSTANSI),
    r("admin/organisasi/instansi/results/", "/admin/organisasi/instansi/results/",
      ADMIN_INSTANSI),
    r("admin/organisasi/instansi/new/", "/admin/organisasi/instansi/new/",
      SUPERUSER_ONLY),
    r("admin/organisasi/instansi/edit/<int:pk>/",
      lambda w: f"/admin/organisasi/instansi/edit/{w.unit.instansi_id}/",
      SUPERUSER_ONLY),
    r("admin/organisasi/instansi/delete/<int:pk>/",
      lambda w: f"/admin/organisasi/instansi/delete/{w.unit.instansi_id}/",
      SUPERUSER_ONLY),
    r("admin/organisasi/instansi/history/<int:pk>/",
      lambda w: f"/admin/organisasi/instansi/history/{w.unit.instansi_id}/",
      SUPERUSER_ONLY),
    r("admin/organisasi/instansi/history-results/<int:pk>/",
      lambda w: f"/admin/organisasi/instansi/history-results/{w.unit.instansi_id}/",
      SUPERUSER_ONLY),
    r("admin/organisasi/instansi/usage/<int:pk>/",
      lambda w: f"/admin/organisasi/instansi/usage/{w.unit.instansi_id}/",
      SUPERUSER_ONLY),
    r("admin/organisasi/instansi/inspect/<int:pk>/",
      lambda w: f"/admin/organisasi/instansi/inspect/{w.unit.instansi_id}/",
      OWN_INSTANSI),
    r("admin/organisasi/unit-kerja/", "/admin/organisasi/unit-kerja/",
      ADMIN_INSTANSI),
    r("admin/organisasi/unit-kerja/results/",
      "/admin/organisasi/unit-kerja/results/", ADMIN_INSTANSI),
    r("admin/organisasi/unit-kerja/new/", "/admin/organisasi/unit-kerja/new/",
      SUPERUSER_ONLY),
    r("admin/organisasi/unit-kerja/edit/<int:pk>/",
      lambda w: f"/admin/organisasi/unit-kerja/edit/{w.unit.pk}/", SUPERUSER_ONLY),
    r("admin/organisasi/unit-kerja/delete/<int:pk>/",
      lambda w: f"/admin/organisasi/unit-kerja/delete/{w.unit.pk}/",
      SUPERUSER_ONLY),
    r("admin/organisasi/unit-kerja/history/<int:pk>/",
      lambda w: f"/admin/organisasi/unit-kerja/history/{w.unit.pk}/",
      SUPERUSER_ONLY),
    r("admin/organisasi/unit-kerja/history-results/<int:pk>/",
      lambda w: f"/admin/organisasi/unit-kerja/history-results/{w.unit.pk}/",
      SUPERUSER_ONLY),
    r("admin/organisasi/unit-kerja/usage/<int:pk>/",
      lambda w: f"/admin/organisasi/unit-kerja/usage/{w.unit.pk}/", SUPERUSER_ONLY),
    r("admin/organisasi/unit-kerja/inspect/<int:pk>/",
      lambda w: f"/admin/organisasi/unit-kerja/inspect/{w.unit.pk}/",
      OWN_INSTANSI),
    r("admin/organisasi/impor-asn/", "/admin/organisasi/impor-asn/", ADMIN_INSTANSI),
    # Without an upload in the session these send back to the upload form.
    r("admin/organisasi/impor-asn/periksa/", "/admin/organisasi/impor-asn/periksa/",
      "LNNDDDRRR"),
    r("admin/organisasi/impor-asn/simpan/", "/admin/organisasi/impor-asn/simpan/",
      "LNNDDDRRR", method="post"),
    r("admin/organisasi/impor-asn/batal/", "/admin/organisasi/impor-asn/batal/",
      "LNNDDDRRR", method="post"),
    r("admin/organisasi/impor-asn/masalah.csv",
      "/admin/organisasi/impor-asn/masalah.csv", "LNNDDDRRR"),
    r("admin/organisasi/impor-asn/templat.csv",
      "/admin/organisasi/impor-asn/templat.csv", ADMIN_INSTANSI),
    r("admin/organisasi/impor-asn/templat.xlsx",
      "/admin/organisasi/impor-asn/templat.xlsx", ADMIN_INSTANSI),
    # --- Users -----------------------------------------------------------------------
    r("admin/users/", "/admin/users/", ADMIN_INSTANSI),
    r("admin/users/results/", "/admin/users/results/", ADMIN_INSTANSI),
    r("admin/users/new/", "/admin/users/new/", ADMIN_INSTANSI),
    r("admin/users/edit/<int:pk>/",
      lambda w: f"/admin/users/edit/{w.users['learner'].pk}/", OWN_INSTANSI),
    r("admin/users/delete/<int:pk>/",
      lambda w: f"/admin/users/delete/{w.users['learner'].pk}/", SUPERUSER_ONLY),
    r("admin/users/history/<int:pk>/",
      lambda w: f"/admin/users/history/{w.users['learner'].pk}/", OWN_INSTANSI),
    r("admin/users/history-results/<int:pk>/",
      lambda w: f"/admin/users/history-results/{w.users['learner'].pk}/",
      OWN_INSTANSI),
    r("admin/users/usage/<int:pk>/",
      lambda w: f"/admin/users/usage/{w.users['learner'].pk}/", OWN_INSTANSI),
    r("admin/users/anonimkan/<int:pk>/",
      lambda w: f"/admin/users/anonimkan/{w.users['learner'].pk}/", OWN_INSTANSI),
]
# fmt: on

# Sample URLs for Wagtail's and Django's own regular-expression patterns.
REGEX_SAMPLES = {
    "admin/pages/^(\\d+)/revisions/compare/(live|earliest|\\d+)\\.\\.\\.(live|latest|\\d+)/$": (  # noqa: E501
        lambda w: f"/admin/pages/{w.course.pk}/revisions/compare/earliest...live/"
    ),
    "admin/^.*/$": lambda w: "/admin/no-such-screen/",
    "django-admin/^(?P<app_label>wagtaildocs|wagtailimages|taggit|django_tasks_database|auth|axes)/$": (  # noqa: E501
        lambda w: "/django-admin/auth/"
    ),
    "django-admin/(?P<url>.*)$": lambda w: "/django-admin/no-such-screen/",
}

# Wagtail's and Django's own screens, by prefix (first match wins). Only
# patterns whose view comes from a third-party package may fall under these.
GROUP_RULES = [
    ("django-admin/", DJANGO_ADMIN),
    ("admin/", WAGTAIL_STAFF),
]
THIRD_PARTY_MODULES = ("wagtail.", "django.", "axes.", "taggit.", "django_tasks")
# Project screens that must have their own rows even where Wagtail's generic
# views serve them.
PROJECT_PREFIXES = (
    "admin/laporan/",
    "admin/organisasi/",
    "admin/assignments/",
    "admin/jp_ledger/",
    "admin/sertifikat/",
    "admin/users/",
)


def walk(patterns, prefix=""):
    """(route, view) for every URL pattern, as the resolver builds them."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), pattern.callback


def view_module(callback):
    view_class = getattr(callback, "view_class", None)
    return (view_class or callback).__module__


def site_patterns():
    return dict(walk(get_resolver().url_patterns))


def group_rule(pattern, callback):
    if pattern.startswith(PROJECT_PREFIXES):
        return None
    if not view_module(callback).startswith(THIRD_PARTY_MODULES):
        return None
    return next(
        (rule for prefix, rule in GROUP_RULES if pattern.startswith(prefix)), None
    )


def sample_url(pattern, world):
    """A URL for one of Wagtail's or Django's patterns (ids of real objects
    where the pattern names them, else a number that exists for nothing)."""
    if pattern in REGEX_SAMPLES:
        return REGEX_SAMPLES[pattern](world)
    ids = {
        "page_id": world.course.pk,
        "parent_page_id": world.course.pk,
        "page_to_move_id": world.course.pk,
        "document_id": world.document.pk,
        "doc_id": world.document.pk,
    }

    def fill(match):
        converter, name = match.group(1) or "str", match.group(2)
        if converter == "int" or name == "pk":
            return str(ids.get(name, 999999))
        return "x"

    path = re.sub(r"<(?:(\w+):)?(\w+)>", fill, pattern)
    path = path.replace("^", "").replace("$", "")
    return "/" + path


def rows_by_pattern():
    rows = {}
    for row in TABLE:
        rows.setdefault(row.pattern, []).append(row)
    return rows


def all_probes(world):
    """(pattern, url, method, data, expect, relogin) for the whole site."""
    explicit = rows_by_pattern()
    for pattern, callback in site_patterns().items():
        if pattern in explicit:
            for row in explicit[pattern]:
                data = row.data(world) if row.data else {}
                yield (
                    pattern,
                    row.url(world),
                    row.method,
                    data,
                    row.expect,
                    row.relogin,
                )
            continue
        rule = group_rule(pattern, callback)
        if rule is not None:
            yield pattern, sample_url(pattern, world), "get", {}, rule, False


def outcome(response, url):
    """The outcome letter of one response (see the module docstring)."""
    code = response.status_code
    if code >= 500:
        return str(code)
    if code in (301, 302, 303, 307, 308):
        target = urlsplit(response["Location"]).path
        if target in LOGIN_PATHS:
            return "L"
        if urlsplit(url).path in LOGIN_PATHS:
            return "R"  # a login page sends signed-in staff on
        # Wagtail answers "no permission" with a redirect to the admin home.
        if target == "/admin/" and urlsplit(url).path != "/admin/":
            return "D"
        return "R"
    if code == 401:  # a script's "log in again"
        return "L"
    if code in (403, 404, 410):
        return "D"
    if 200 <= code < 300:
        return "O"
    return str(code)


def allowed(expected, got):
    if expected == "*":
        return not got.isdigit() or int(got) < 500
    if expected == "N":
        return got in ("L", "D")
    if expected == "E":
        return got == "500"
    return got == expected


@pytest.fixture
def world_with_document(world):
    from django.core.files.base import ContentFile

    world.document = Document.objects.create(
        title="Modul PDF", file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="modul.pdf")
    )
    return world


def test_every_url_pattern_has_a_row():
    """A new URL pattern fails here until it gets a row (or, for Wagtail's and
    Django's own screens, falls under a prefix rule)."""
    patterns = site_patterns()
    explicit = set(rows_by_pattern())
    missing = sorted(
        pattern
        for pattern, callback in patterns.items()
        if pattern not in explicit and group_rule(pattern, callback) is None
    )
    assert not missing, "URL patterns without a row in the access table:\n" + (
        "\n".join(missing)
    )
    stale = sorted(explicit - set(patterns))
    assert not stale, f"Rows for patterns that no longer exist: {stale}"


def test_project_screens_are_not_left_to_the_prefix_rules():
    for pattern, callback in site_patterns().items():
        if pattern.startswith(PROJECT_PREFIXES) or not view_module(callback).startswith(
            THIRD_PARTY_MODULES
        ):
            assert group_rule(pattern, callback) is None, pattern


@pytest.mark.parametrize("role", ROLES)
def test_access_table(role, world_with_document, settings):
    """Walk every URL as ``role`` and compare with the table."""
    world = world_with_document
    settings.AXES_ENABLED = False  # not the subject here; no login forms posted
    column = ROLES.index(role)
    user = world.users.get(role)
    client = Client(raise_request_exception=False)
    if user:
        client.force_login(user)
    wrong = []
    for pattern, url, method, data, expect, relogin in all_probes(world):
        response = getattr(client, method)(url, data)
        got = outcome(response, url)
        if not allowed(expect[column], got):
            wrong.append(
                f"{method.upper()} {url} [{pattern}]: {got}, expected {expect[column]}"
            )
        if relogin and user:
            client.force_login(user)
    assert not wrong, f"{role}:\n" + "\n".join(wrong)


def test_the_table_covers_every_role_and_pattern(world_with_document):
    """Size of the table, for the record: patterns x roles."""
    probes = list(all_probes(world_with_document))
    assert len({p[0] for p in probes}) == len(site_patterns())
    assert len(ROLES) == 9
    assert reverse("healthz") == "/healthz"
