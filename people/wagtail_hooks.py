"""Admin wiring: the "Organisation" menu, scoped user bulk actions, account form.

The user admin itself is replaced through ``WagtailUsersAppConfig`` in
``people/apps.py`` (Wagtail's documented way), not here.
"""

from wagtail import hooks
from wagtail.admin.views import account

from .admin_forms import AccountNameEmailForm
from .bulk_actions import SCOPED_USER_BULK_ACTIONS
from .viewsets import OrganisationViewSetGroup

# Wagtail offers no hook to replace the account page's name panel (wagtail
# issue #7410), and its form requires first and last names this project does
# not use; swap the form class so the page edits full_name instead.
account.NameEmailSettingsPanel.form_class = AccountNameEmailForm


@hooks.register("register_admin_viewset")
def register_organisation_viewsets():
    return OrganisationViewSetGroup()


# A higher order than Wagtail's own registration, so these replace its actions.
for action_class in SCOPED_USER_BULK_ACTIONS:
    hooks.register("register_bulk_action", action_class, order=100)
