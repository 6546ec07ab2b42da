"""Admin screens for the bulk ASN import: upload, dry run, confirm.

Between the dry run and the confirmation the rows read from the file are kept
in the administrator's session (compressed JSON, under a random token), not
the file itself: sessions live in the database (or Redis in production), so
every worker finds them, and the personal data never lands in media storage.
Confirming plans the stored rows again and writes only if that plan has the
same fingerprint as the one the administrator saw; if the accounts changed
meanwhile, the new dry run is shown instead. Only one import is pending per
session; a new upload replaces it, and it expires after an hour.
"""

import base64
import csv
import io
import json
import secrets
import time
import zlib

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.formats import number_format
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import FormView, TemplateView, View
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet

from . import importer
from .roles import is_admin_instansi

SESSION_KEY = "people_import"
PENDING_MAX_AGE = 60 * 60  # seconds a dry run may wait for its confirmation
SHOWN_PROBLEMS = 500  # the full list is a CSV download
SHOWN_ACCOUNTS = 200


def can_import_people(user):
    """Superusers import into any instansi; an Admin instansi into their own."""
    if not getattr(user, "is_authenticated", False):
        return False
    return user.is_superuser or bool(user.instansi_id and is_admin_instansi(user))


# --- The pending import, kept in the session --------------------------------


def store_pending(request, table, file_name, sha256):
    """Keep the rows read from an upload for the dry run; return its token."""
    packed = zlib.compress(
        json.dumps(table.to_json(), separators=(",", ":")).encode(), 6
    )
    token = secrets.token_urlsafe(16)
    request.session[SESSION_KEY] = {
        "token": token,
        "user": request.user.pk,
        "created": int(time.time()),
        "file_name": file_name,
        "sha256": sha256,
        "table": base64.b64encode(packed).decode("ascii"),
    }
    return token


def load_pending(request, token):
    """The pending import with this token, with its ``Table``, or None."""
    pending = request.session.get(SESSION_KEY)
    if (
        not pending
        or not token
        or not secrets.compare_digest(pending["token"], str(token))
        or pending["user"] != request.user.pk
        or time.time() - pending["created"] > PENDING_MAX_AGE
    ):
        return None
    data = json.loads(zlib.decompress(base64.b64decode(pending["table"])))
    return {**pending, "table": importer.Table.from_json(data)}


def drop_pending(request):
    request.session.pop(SESSION_KEY, None)


def pending_expired(request):
    """Back to the upload page, saying why."""
    messages.error(
        request,
        _(
            "This dry run has expired or was replaced by another upload. "
            "Upload the file again."
        ),
    )
    return redirect("people_import:upload")


# --- Views -------------------------------------------------------------------


class ImportAccessMixin:
    """Only administrators who may import reach these views."""

    def dispatch(self, request, *args, **kwargs):
        if not can_import_people(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ImportPageMixin(ImportAccessMixin, WagtailAdminTemplateMixin):
    header_icon = "upload"
    page_title = gettext_lazy("Import ASN")

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("wagtailusers_users:index"), "label": _("Users")},
            {"url": reverse("people_import:upload"), "label": _("Import ASN")},
        ]


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File (CSV or Excel .xlsx)"),
        widget=forms.FileInput(attrs={"accept": ".csv,.xlsx"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            self.table = importer.read_table(upload)
        except importer.ImportFileError as error:
            raise forms.ValidationError(str(error), code="bad_file") from None
        self.sha256 = importer.file_digest(upload)
        return upload


class UploadView(ImportPageMixin, FormView):
    """Step 1: the administrator uploads a file; it is read and checked."""

    template_name = "people/admin/import.html"
    form_class = ImportUploadForm

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        columns = importer.COLUMN_NAMES
        context.update(
            required_columns=[
                importer.TEMPLATE_HEADER[list(columns).index(name)]
                for name in importer.REQUIRED_COLUMNS
            ],
            optional_columns=[
                header
                for name, header in zip(columns, importer.TEMPLATE_HEADER, strict=True)
                if name in importer.OPTIONAL_FIELDS
            ],
            max_rows=number_format(importer.MAX_ROWS, force_grouping=True),
            max_bytes=importer.MAX_UPLOAD_BYTES,
            own_instansi=None
            if self.request.user.is_superuser
            else self.request.user.instansi,
        )
        return context

    def form_valid(self, form):
        token = store_pending(
            self.request, form.table, form.cleaned_data["file"].name, form.sha256
        )
        url = reverse("people_import:preview")
        return redirect(f"{url}?{urlencode({'token': token})}")


class PreviewView(ImportPageMixin, TemplateView):
    """Step 2, the dry run: what would be created, updated, and every problem."""

    template_name = "people/admin/import_preview.html"
    page_subtitle = gettext_lazy("Dry run")

    def get_breadcrumbs_items(self):
        return [*super().get_breadcrumbs_items(), {"url": "", "label": _("Dry run")}]

    def get(self, request, *args, **kwargs):
        self.pending = load_pending(request, request.GET.get("token"))
        if self.pending is None:
            return pending_expired(request)
        return super().get(request, *args, **kwargs)

    @cached_property
    def plan(self):
        return importer.plan_import(self.pending["table"], self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        plan = self.plan
        context.update(
            pending=self.pending,
            token=self.request.GET["token"],
            plan=plan,
            ignored_columns=self.pending["table"].ignored,
            problems=plan.problems[:SHOWN_PROBLEMS],
            problem_rows=len({problem.row for problem in plan.problems}),
            creates=[
                (planned, importer.describe_created(plan, planned))
                for planned in plan.creates[:SHOWN_ACCOUNTS]
            ],
            updates=plan.updates[:SHOWN_ACCOUNTS],
            shown_problems=SHOWN_PROBLEMS,
            shown_accounts=SHOWN_ACCOUNTS,
        )
        return context


class ConfirmView(ImportAccessMixin, View):
    """Step 3: write exactly the previewed plan, or nothing."""

    http_method_names = ["post"]

    def post(self, request):
        token = request.POST.get("token", "")
        pending = load_pending(request, token)
        if pending is None:
            return pending_expired(request)
        preview_url = (
            f"{reverse('people_import:preview')}?{urlencode({'token': token})}"
        )
        try:
            with transaction.atomic():
                plan = importer.plan_import(pending["table"], request.user)
                if plan.fingerprint != request.POST.get("fingerprint"):
                    messages.warning(
                        request,
                        _(
                            "Nothing was imported: the accounts changed since "
                            "your dry run. Check this new dry run, then confirm."
                        ),
                    )
                    return redirect(preview_url)
                if plan.problems:
                    messages.error(
                        request,
                        _(
                            "Nothing was imported: the file has problems. Fix "
                            "them and upload it again."
                        ),
                    )
                    return redirect(preview_url)
                if not plan.can_apply:
                    messages.info(request, _("Nothing to import: no account changes."))
                    return redirect(preview_url)
                result = importer.apply_import(
                    plan,
                    request.user,
                    file_name=pending["file_name"],
                    sha256=pending["sha256"],
                )
        except IntegrityError:
            # Another administrator created or changed an account meanwhile.
            messages.error(
                request,
                _(
                    "Nothing was imported: another change to the accounts got in "
                    "the way. Check this new dry run, then confirm."
                ),
            )
            return redirect(preview_url)
        drop_pending(request)
        messages.success(
            request,
            _("Import done: %(created)s, %(updated)s, %(unchanged)s.")
            % {
                "created": ngettext(
                    "%(count)d account created",
                    "%(count)d accounts created",
                    result["created"],
                )
                % {"count": result["created"]},
                "updated": ngettext(
                    "%(count)d updated", "%(count)d updated", result["updated"]
                )
                % {"count": result["updated"]},
                "unchanged": ngettext(
                    "%(count)d unchanged", "%(count)d unchanged", result["unchanged"]
                )
                % {"count": result["unchanged"]},
            },
        )
        return redirect("wagtailusers_users:index")


class CancelView(ImportAccessMixin, View):
    http_method_names = ["post"]

    def post(self, request):
        if request.session.get(SESSION_KEY):
            messages.info(request, _("The import was cancelled; nothing was written."))
        drop_pending(request)
        return redirect("people_import:upload")


def _csv_response(file_name, header, rows):
    """A CSV download Excel opens as UTF-8 (it needs the byte-order mark)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    response = HttpResponse(
        "\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{file_name}"'
    return response


class ProblemsDownloadView(ImportAccessMixin, View):
    """Every problem of the dry run as CSV (the page shows the first ones)."""

    def get(self, request):
        pending = load_pending(request, request.GET.get("token"))
        if pending is None:
            return pending_expired(request)
        plan = importer.plan_import(pending["table"], request.user)
        return _csv_response(
            "masalah-impor-asn.csv",
            [_("Row"), _("Column"), _("Value"), _("Problem")],
            [(p.row, p.column, p.value, p.message) for p in plan.problems],
        )


class TemplateDownloadView(ImportAccessMixin, View):
    """An empty file with the header row, as CSV or as an Excel workbook."""

    def get(self, request, extension):
        header = importer.TEMPLATE_HEADER
        if extension == "csv":
            return _csv_response("templat-impor-asn.csv", header, [])
        from openpyxl import Workbook
        from openpyxl.utils import get_column_letter

        workbook = Workbook()
        sheet = workbook.active
        sheet.title = "ASN"
        sheet.append(header)
        # Text columns, so Excel keeps all 18 digits of a NIP and the leading
        # zero of a phone number.
        for index, name in enumerate(importer.COLUMN_NAMES, start=1):
            column = sheet.column_dimensions[get_column_letter(index)]
            column.width = 22
            if name in ("nip", "phone", "golongan"):
                column.number_format = "@"
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(
            buffer.getvalue(),
            content_type=(
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            ),
        )
        response["Content-Disposition"] = (
            'attachment; filename="templat-impor-asn.xlsx"'
        )
        return response


# --- Admin wiring ----------------------------------------------------------


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return can_import_people(request.user)


class PeopleImportViewSet(ViewSet):
    """ "Import ASN" in the Organisation menu: bulk onboarding from a file."""

    name = "people_import"
    url_prefix = "organisasi/impor-asn"
    icon = "upload"
    menu_label = gettext_lazy("Import ASN")
    menu_item_class = ImportMenuItem

    def get_urlpatterns(self):
        return [
            path("", UploadView.as_view(), name="upload"),
            path("periksa/", PreviewView.as_view(), name="preview"),
            path("simpan/", ConfirmView.as_view(), name="confirm"),
            path("batal/", CancelView.as_view(), name="cancel"),
            path("masalah.csv", ProblemsDownloadView.as_view(), name="problems"),
            path(
                "templat.csv",
                TemplateDownloadView.as_view(),
                {"extension": "csv"},
                name="template_csv",
            ),
            path(
                "templat.xlsx",
                TemplateDownloadView.as_view(),
                {"extension": "xlsx"},
                name="template_xlsx",
            ),
        ]
