"""Admin wiring: the "Organisation" menu, scoped user bulk actions, account form.

The Organisation menu also holds the bulk ASN import, whose log entries
("lms.people.import") are registered here.

The user admin itself is replaced through ``WagtailUsersAppConfig`` in
``people/apps.py`` (Wagtail's documented way), not here.
"""

from wagtail import hooks
from wagtail.admin.views import account

from .admin_forms import AccountNameEmailForm
from .bulk_actions import SCOPED_USER_BULK_ACTIONS
from .import_views import PeopleImportViewSet
from .importer import LOG_ACTION as IMPORT_LOG_ACTION
from .importer import ImportLogFormatter
from .viewsets import OrganisationViewSetGroup

# Wagtail offers no hook to replace the account page's name panel (wagtail
# issue #7410), and its form requires first and last names this project does
# not use; swap the form class so the page edits full_name instead.
account.NameEmailSettingsPanel.form_class = AccountNameEmailForm


class OrganisationMenu(OrganisationViewSetGroup):
    """The Organisation menu, with "Import ASN" (people/import_views.py) last."""

    items = (*OrganisationViewSetGroup.items, PeopleImportViewSet)


@hooks.register("register_admin_viewset")
def register_organisation_viewsets():
    return OrganisationMenu()


@hooks.register("register_log_actions")
def register_import_log_action(actions):
    actions.register_action(IMPORT_LOG_ACTION)(ImportLogFormatter)


# A higher order than Wagtail's own registration, so these replace its actions.
for action_class in SCOPED_USER_BULK_ACTIONS:
    hooks.register("register_bulk_action", action_class, order=100)
