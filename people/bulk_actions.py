"""Wagtail's bulk actions on users, limited to the administrator's scope.

Wagtail's own actions act on any user id posted to them and offer every
group as a role; these subclasses (registered after Wagtail's, under the same
action names, so they replace them) drop ids outside ``people_visible_to``,
refuse accounts the administrator may not manage and offer only the roles
they may give.
"""

from django.db.models import Q
from wagtail.users.views.bulk_actions import (
    AssignRoleBulkAction,
    DeleteBulkAction,
    SetActiveStateBulkAction,
)

from .scoping import groups_assignable_by, people_manageable_by, people_visible_to


class ScopedUserBulkActionMixin:
    def get_all_objects_in_listing_query(self, parent_id):
        people = people_visible_to(self.request.user)
        if query := self.request.GET.get("q"):
            people = people.filter(
                Q(username__icontains=query)
                | Q(full_name__icontains=query)
                | Q(email__icontains=query)
                | Q(nip__icontains=query)
            )
        return people.values_list("pk", flat=True)

    def get_actionable_objects(self):
        objects, context = super().get_actionable_objects()
        user = self.request.user
        no_access = context.get("items_with_no_access", [])
        asked = [person.pk for person in [*objects, *no_access]]
        visible = set(
            people_visible_to(user).filter(pk__in=asked).values_list("pk", flat=True)
        )
        manageable = set(
            people_manageable_by(user).filter(pk__in=asked).values_list("pk", flat=True)
        )
        # Accounts outside the scope are dropped without a word; visible ones
        # the administrator may not manage are listed as "no access".
        context["items_with_no_access"] = [
            person for person in no_access if person.pk in visible
        ] + [
            person
            for person in objects
            if person.pk in visible and person.pk not in manageable
        ]
        return [person for person in objects if person.pk in manageable], context


class ScopedAssignRoleBulkAction(ScopedUserBulkActionMixin, AssignRoleBulkAction):
    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.fields["role"].queryset = groups_assignable_by(self.request.user)
        return form


class ScopedDeleteBulkAction(ScopedUserBulkActionMixin, DeleteBulkAction):
    pass


class ScopedSetActiveStateBulkAction(
    ScopedUserBulkActionMixin, SetActiveStateBulkAction
):
    pass


SCOPED_USER_BULK_ACTIONS = (
    ScopedAssignRoleBulkAction,
    ScopedDeleteBulkAction,
    ScopedSetActiveStateBulkAction,
)
