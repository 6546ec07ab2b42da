"""What follows a completed course: its certificate, then its JP.

Connected when the app is ready (``LearningConfig.ready`` imports this
module). The signal is sent once per enrolment inside the transaction that
completes it, so the completion, the certificate and the ledger entry are
written together or not at all.
"""

from django.dispatch import receiver

from . import certificates, ledger
from .services import course_completed


@receiver(course_completed, dispatch_uid="learning_certificate_and_jp")
def issue_certificate_and_credit_jp(sender, enrolment, **kwargs):
    """Issue the course's certificate and credit its JP, with the certificate's
    verification page as the ledger's evidence."""
    certificate = certificates.issue_certificate(enrolment)
    ledger.credit_course(
        enrolment, evidence_url=certificates.verification_path(certificate)
    )
