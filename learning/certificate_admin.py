"""Wagtail admin screens for certificates (sertifikat).

Superusers see every certificate; an Admin instansi sees those of the people
of their instansi. Nobody adds, edits or deletes a certificate by hand: they
are issued when a course is completed, and what they print stays as issued.
Administrators revoke a certificate (with a reason shown on its public
verification page) and re-issue a revoked one with the holder's current data.
"""

import django_filters
from django import forms
from django.contrib.admin.utils import quote, unquote
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Exists, OuterRef
from django.shortcuts import get_object_or_404, redirect
from django.template.defaultfilters import floatformat
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column, StatusTagColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button
from wagtail.permission_policies import ModelPermissionPolicy

from . import certificates
from .models import Certificate


class CertificatePermissionPolicy(ModelPermissionPolicy):
    """'view' for the administrators of certificates; nothing else, for anyone.

    Revoking and re-issuing have their own views, which check the row scope
    through ``certificates.certificates_managed_by``.
    """

    def user_has_permission(self, user, action):
        return action == "view" and certificates.may_manage_certificates(user)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action, instance):
        return (
            action == "view"
            and certificates.certificates_managed_by(user)
            .filter(pk=instance.pk)
            .exists()
        )

    def instances_user_has_any_permission_for(self, user, actions):
        if "view" in actions:
            return certificates.certificates_managed_by(user)
        return Certificate.objects.none()


class CertificateFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=gettext_lazy("Status"),
        choices=[
            ("valid", gettext_lazy("Valid")),
            ("revoked", gettext_lazy("Revoked")),
        ],
        method="filter_status",
        empty_label=gettext_lazy("All"),
    )

    class Meta:
        model = Certificate
        fields = []

    def filter_status(self, queryset, name, value):
        if value == "valid":
            return queryset.filter(revoked_at__isnull=True)
        if value == "revoked":
            return queryset.filter(revoked_at__isnull=False)
        return queryset


def _status_label(certificate):
    return _("Valid") if certificate.is_valid else _("Revoked")


def _action_buttons(url_namespace, certificate, *, can_reissue):
    """Revoke / re-issue / verification page, for a listing row or a header."""
    buttons = []
    if certificate.is_valid:
        buttons.append(
            (
                _("Revoke"),
                reverse(f"{url_namespace}:revoke", args=[quote(certificate.pk)]),
                "cross",
            )
        )
    elif can_reissue:
        buttons.append(
            (
                _("Re-issue"),
                reverse(f"{url_namespace}:reissue", args=[quote(certificate.pk)]),
                "repeat",
            )
        )
    buttons.append(
        (
            _("Verification page"),
            certificates.verification_path(certificate),
            "link-external",
        )
    )
    return buttons


def _with_valid_sibling(queryset):
    """Annotate whether the certificate's enrolment has a valid certificate."""
    return queryset.annotate(
        enrolment_has_valid=Exists(
            Certificate.objects.filter(
                enrolment=OuterRef("enrolment"), revoked_at__isnull=True
            )
        )
    )


class CertificateIndexView(generic.IndexView):
    def get_base_queryset(self):
        return _with_valid_sibling(
            certificates.certificates_managed_by(self.request.user)
        )

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        for priority, (label, url, icon) in enumerate(
            _action_buttons(
                CERTIFICATE_ADMIN_NAME,
                instance,
                can_reissue=not instance.enrolment_has_valid,
            ),
            start=40,
        ):
            buttons.append(MenuItem(label, url=url, icon_name=icon, priority=priority))
        return buttons


class CertificateInspectView(generic.InspectView):
    def get_object(self, queryset=None):
        return get_object_or_404(
            _with_valid_sibling(
                certificates.certificates_managed_by(self.request.user)
            ),
            pk=unquote(str(self.pk)),
        )

    def get_page_subtitle(self):
        return self.object.number

    @cached_property
    def header_more_buttons(self):
        buttons = [
            Button(label, url=url, icon_name=icon, priority=priority)
            for priority, (label, url, icon) in enumerate(
                _action_buttons(
                    CERTIFICATE_ADMIN_NAME,
                    self.object,
                    can_reissue=not self.object.enrolment_has_valid,
                ),
                start=10,
            )
        ]
        buttons.append(
            Button(
                _("Download PDF"),
                url=reverse("certificates:download", args=[self.object.code]),
                icon_name="download",
                priority=30,
            )
        )
        buttons.append(
            Button(
                _("History"),
                url=reverse(
                    f"{CERTIFICATE_ADMIN_NAME}:history", args=[quote(self.object.pk)]
                ),
                icon_name="history",
                priority=40,
            )
        )
        return buttons


class CertificateHistoryView(generic.HistoryView):
    any_permission_required = ["view"]

    def get_base_object_queryset(self):
        return certificates.certificates_managed_by(self.request.user)


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason for revocation"),
        max_length=certificates.REASON_MAX_LENGTH,
        required=False,  # the service refuses a blank reason, with its message
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "Shown on the public verification page, e.g. 'Name misspelt; "
            "replaced by a new certificate'."
        ),
    )


class CertificateActionView(WagtailAdminTemplateMixin, TemplateView):
    """Base of the revoke and re-issue screens: a certificate in scope."""

    header_icon = "doc-full"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.object = get_object_or_404(
            _with_valid_sibling(certificates.certificates_managed_by(request.user)),
            pk=kwargs["pk"],
        )

    def inspect_url(self, certificate=None):
        return reverse(
            f"{CERTIFICATE_ADMIN_NAME}:inspect",
            args=[quote((certificate or self.object).pk)],
        )

    def get_page_subtitle(self):
        return self.object.number

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {
                "url": reverse(f"{CERTIFICATE_ADMIN_NAME}:index"),
                "label": Certificate._meta.verbose_name_plural.capitalize(),
            },
            {"url": self.inspect_url(), "label": self.object.number},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["object"] = self.object
        context["cancel_url"] = self.inspect_url()
        return context


class CertificateRevokeView(CertificateActionView):
    template_name = "learning/certificate_admin_revoke.html"
    page_title = gettext_lazy("Revoke certificate")

    def get(self, request, *args, **kwargs):
        if not self.object.is_valid:
            messages.warning(request, _("This certificate is already revoked."))
            return redirect(self.inspect_url())
        return self.render_to_response(self.get_context_data(form=RevokeForm()))

    def post(self, request, *args, **kwargs):
        form = RevokeForm(request.POST)
        if form.is_valid():
            try:
                certificates.revoke_certificate(
                    self.object, by=request.user, reason=form.cleaned_data["reason"]
                )
            except PermissionDenied:
                raise
            except ValidationError as error:
                for message in error.message_dict.get("reason", error.messages):
                    form.add_error("reason", message)
            else:
                messages.success(
                    request,
                    _("Certificate %(number)s revoked.")
                    % {"number": self.object.number},
                )
                return redirect(self.inspect_url())
        return self.render_to_response(self.get_context_data(form=form))


class CertificateReissueView(CertificateActionView):
    template_name = "learning/certificate_admin_reissue.html"
    page_title = gettext_lazy("Re-issue certificate")

    def get(self, request, *args, **kwargs):
        if self.object.is_valid or self.object.enrolment_has_valid:
            messages.warning(
                request,
                _(
                    "Only a revoked certificate without a valid replacement can "
                    "be re-issued."
                ),
            )
            return redirect(self.inspect_url())
        holder = self.object.user
        return self.render_to_response(
            self.get_context_data(
                holder=holder,
                issuer=certificates.issuer_for(holder),
            )
        )

    def post(self, request, *args, **kwargs):
        try:
            new = certificates.reissue_certificate(self.object, by=request.user)
        except certificates.CertificateError as error:
            messages.error(request, error.message)
            return redirect(self.inspect_url())
        messages.success(
            request,
            _("Certificate %(old)s re-issued as %(new)s.")
            % {"old": self.object.number, "new": new.number},
        )
        return redirect(self.inspect_url(new))


class CertificateViewSet(ModelViewSet):
    model = Certificate
    icon = "doc-full"
    menu_label = gettext_lazy("Certificates")
    menu_order = 260
    add_to_admin_menu = True
    url_prefix = "sertifikat"
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = CertificateIndexView
    inspect_view_class = CertificateInspectView
    history_view_class = CertificateHistoryView
    filterset_class = CertificateFilterSet
    search_fields = ["number", "holder_name", "holder_nip", "course_title"]
    # The add and edit views exist but the permission policy closes them.
    form_fields = []
    search_backend_name = None  # plain database lookups on the snapshot fields
    list_display = [
        # A field name, so Wagtail builds the title column with the row's
        # action buttons, linked to the inspect view.
        "number",
        Column("holder_name", label=gettext_lazy("Name")),
        Column("holder_nip", label="NIP"),
        Column("course_title", label=gettext_lazy("Course")),
        Column("jp", label="JP", accessor=lambda c: floatformat(c.jp, -1)),
        # The date itself: "2 weeks ago" says little on a certificate.
        Column("completed_on", label=gettext_lazy("Completed on")),
        StatusTagColumn(
            "status",
            label=gettext_lazy("Status"),
            accessor=_status_label,
            primary=lambda certificate: certificate.is_valid,
        ),
    ]
    inspect_view_fields = [
        "number",
        "holder_name",
        "holder_nip",
        "course_title",
        "competency_type",
        "jp",
        "completed_on",
        "issuer",
        "issued_at",
        "code",
        "revoked_at",
        "revoked_reason",
        "revoked_by",
        "replaces",
    ]

    @property
    def permission_policy(self):
        return CertificatePermissionPolicy(self.model)

    def get_permissions_to_register(self):
        # Access follows the roles (superuser, Admin instansi), not Django
        # permissions, so none are offered in the group editor.
        return Permission.objects.none()

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("revoke/<int:pk>/", CertificateRevokeView.as_view(), name="revoke"),
            path("reissue/<int:pk>/", CertificateReissueView.as_view(), name="reissue"),
        ]


CERTIFICATE_ADMIN_NAME = "certificates_admin"

certificate_viewset = CertificateViewSet(CERTIFICATE_ADMIN_NAME)
