"""Who may open the reports: superusers, Admin instansi and supervisors.

What each of them then sees is decided by ``people.scoping`` alone; this
module only answers "may this account use reports at all".
"""

from django.core.exceptions import PermissionDenied

from people.roles import is_admin_instansi, is_supervisor


def can_view_reports(user):
    """Whether ``user`` may open the reports (and the "Tim saya" page)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.is_superuser or is_admin_instansi(user) or is_supervisor(user)


def can_assign_from_reports(user):
    """Whether ``user`` may assign courses to the people a report shows."""
    return can_view_reports(user) and user.has_perm("learning.add_assignment")


class ReportAccessMixin:
    """Refuse (403) anyone who may not view reports, before any query runs."""

    def dispatch(self, request, *args, **kwargs):
        if not can_view_reports(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)
