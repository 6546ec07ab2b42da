"""The report views; each report lives in its own module."""

from .assign import AssignFromReportView
from .completion import CourseCompletionReport, OrganisationCompletionReport
from .feedback import FeedbackCommentsReport, FeedbackReport
from .jp import JPComplianceReport
from .learners import LearnerRecordView, LearnerSearchReport
from .quiz import QuizItemReport

__all__ = [
    "AssignFromReportView",
    "CourseCompletionReport",
    "FeedbackCommentsReport",
    "FeedbackReport",
    "JPComplianceReport",
    "LearnerRecordView",
    "LearnerSearchReport",
    "OrganisationCompletionReport",
    "QuizItemReport",
]
