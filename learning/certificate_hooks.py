"""Certificate admin: the 'Sertifikat' screens and their history entries.

Imported at the end of ``learning/wagtail_hooks.py`` (Wagtail loads only
``wagtail_hooks`` modules by itself).
"""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.log_actions import LogFormatter

from .certificates import REISSUE_ACTION, REVOKE_ACTION


@hooks.register("register_admin_viewset")
def register_certificate_viewset():
    from .certificate_admin import certificate_viewset

    return certificate_viewset


@hooks.register("register_log_actions")
def register_certificate_log_actions(actions):
    @actions.register_action(REVOKE_ACTION)
    class RevokeFormatter(LogFormatter):
        label = _("Revoke certificate")

        def format_message(self, log_entry):
            return _("Revoked: %(reason)s") % {
                "reason": log_entry.data.get("reason", "")
            }

    @actions.register_action(REISSUE_ACTION)
    class ReissueFormatter(LogFormatter):
        label = _("Re-issue certificate")

        def format_message(self, log_entry):
            return _("Issued to replace %(number)s") % {
                "number": log_entry.data.get("replaces", "")
            }
