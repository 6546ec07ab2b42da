"""Editor forms for the page types trainers create."""

from wagtail.admin.forms import WagtailAdminPageForm

from .permissions import is_scoped_trainer


class TrainerAssigningPageForm(WagtailAdminPageForm):
    """Names the trainer who creates a page among its trainers.

    Done in the form (rather than after saving) so the first revision holds
    the trainer too: publishing that revision later keeps the assignment,
    and the trainer can go on editing the draft they just made.
    """

    def clean(self):
        cleaned_data = super().clean()
        user = self.for_user
        if (
            self.instance._state.adding
            and user is not None
            and "trainers" in self.fields
            and is_scoped_trainer(user)
        ):
            trainers = list(cleaned_data.get("trainers") or [])
            if user.pk not in {trainer.pk for trainer in trainers}:
                trainers.append(user)
            cleaned_data["trainers"] = trainers
        return cleaned_data
