"""Admin wiring: the "Organisation" menu and the scoped user bulk actions.

The user admin itself is replaced through ``WagtailUsersAppConfig`` in
``people/apps.py`` (Wagtail's documented way), not here.
"""

from wagtail import hooks

from .bulk_actions import SCOPED_USER_BULK_ACTIONS
from .viewsets import OrganisationViewSetGroup


@hooks.register("register_admin_viewset")
def register_organisation_viewsets():
    return OrganisationViewSetGroup()


# A higher order than Wagtail's own registration, so these replace its actions.
for action_class in SCOPED_USER_BULK_ACTIONS:
    hooks.register("register_bulk_action", action_class, order=100)
