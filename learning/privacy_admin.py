"""Admin wiring of ``learning.privacy``: 'Anonymise' on the user admin.

Imported at the end of ``learning/wagtail_hooks.py``.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import Button
from wagtail.log_actions import LogFormatter

from people.roles import is_admin_instansi
from people.scoping import people_visible_to

from . import privacy


class AnonymiseView(WagtailAdminTemplateMixin, TemplateView):
    """Confirm, then anonymise one person (see ``privacy.anonymise_person``)."""

    template_name = "learning/admin/anonymise_confirm.html"
    page_title = gettext_lazy("Anonymise personal data")
    header_icon = "user"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        # Outside the viewer's scope: 404, so its existence is not revealed.
        self.person = get_object_or_404(
            people_visible_to(request.user), pk=kwargs["pk"]
        )

    def dispatch(self, request, *args, **kwargs):
        if not privacy.may_anonymise(request.user, self.person):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return str(self.person)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["person"] = self.person
        context["placeholder"] = privacy.placeholder_name(self.person)
        context["cancel_url"] = reverse("wagtailusers_users:index")
        return context

    def post(self, request, *args, **kwargs):
        privacy.anonymise_person(self.person, by=request.user)
        messages.success(
            request,
            _("The personal data of this account were anonymised as %(name)s.")
            % {"name": privacy.placeholder_name(self.person)},
        )
        return redirect("wagtailusers_users:index")


@hooks.register("register_admin_urls")
def register_anonymise_url():
    return [
        path(
            "users/anonimkan/<int:pk>/",
            AnonymiseView.as_view(),
            name="lms_anonymise_user",
        )
    ]


@hooks.register("register_user_listing_buttons")
def anonymise_listing_button(user, request_user):
    """'Anonymise' in a row's menu, for those who may (no extra query: the
    listing has annotated ``can_edit`` on each row)."""
    if user.pk == request_user.pk or user.username.startswith("anonim-"):
        return
    allowed = request_user.is_superuser or (
        is_admin_instansi(request_user)
        and getattr(user, "can_edit", False)
        and user.instansi_id == request_user.instansi_id
        and not user.is_superuser
    )
    if allowed:
        yield Button(
            _("Anonymise"),
            url=reverse("lms_anonymise_user", args=[user.pk]),
            icon_name="user",
            priority=90,
        )


@hooks.register("register_log_actions")
def register_anonymise_log_action(actions):
    @actions.register_action(privacy.ANONYMISE_ACTION)
    class AnonymiseFormatter(LogFormatter):
        label = gettext_lazy("Anonymise personal data")

        def format_message(self, log_entry):
            return _("Personal data anonymised; %(count)s JP entries kept.") % {
                "count": log_entry.data.get("jp_entries_kept", 0)
            }


@hooks.register("construct_reports_menu")
def site_history_for_superusers(request, menu_items):
    """The site history lists everybody's changes: superusers only (the view
    itself is limited in lms/urls.py)."""
    if not request.user.is_superuser:
        menu_items[:] = [item for item in menu_items if item.name != "site-history"]
