"""Webinar admin hooks: an 'Attendance' button on webinar pages, and the
label of the attendance entries in a page's history."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets.button import Button, HeaderButton

from courses.models import WebinarPage
from people.roles import PELATIH, is_admin_instansi, role_names

from . import webinars


def _is_webinar(page):
    return page.specific_class is WebinarPage


def _may_see_button(user):
    """Cheap check for listings: roles that may record attendance somewhere.

    The attendance view itself checks that a trainer is assigned to the
    webinar; the page header (one page) checks it before showing the button.
    """
    return user.is_superuser or is_admin_instansi(user) or PELATIH in role_names(user)


def _attendance_url(page):
    return reverse("learning:webinars:attendance", args=[page.pk])


@hooks.register("register_page_header_buttons")
def webinar_attendance_header_button(page, user, view_name=None, next_url=None):
    if _is_webinar(page) and webinars.may_mark_attendance(user, page):
        yield HeaderButton(
            _("Attendance"),
            url=_attendance_url(page),
            icon_name="clipboard-list",
            priority=25,
        )


@hooks.register("register_page_listing_more_buttons")
def webinar_attendance_listing_button(page, user, next_url=None):
    if _is_webinar(page) and _may_see_button(user):
        yield Button(
            _("Attendance"),
            url=_attendance_url(page),
            icon_name="clipboard-list",
            priority=45,
        )


@hooks.register("register_log_actions")
def register_webinar_log_actions(actions):
    actions.register_action(
        "lms.webinar.attendance",
        _("Record webinar attendance"),
        _("Webinar attendance recorded"),
    )
