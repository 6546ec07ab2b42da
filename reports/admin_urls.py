"""Report URLs inside the Wagtail admin (registered by wagtail_hooks)."""

from django.urls import path

from . import views

app_name = "lms_reports"


def report_paths(prefix, view_class):
    """The page and its results-only fragment (Wagtail's AJAX filtering)."""
    name = view_class.url_name
    return [
        path(f"{prefix}/", view_class.as_view(), name=name),
        path(
            f"{prefix}/results/",
            view_class.as_view(results_only=True),
            name=f"{name}_results",
        ),
    ]


urlpatterns = [
    *report_paths("completion/courses", views.CourseCompletionReport),
    *report_paths("completion/organisation", views.OrganisationCompletionReport),
    *report_paths("jp", views.JPComplianceReport),
    *report_paths("feedback", views.FeedbackReport),
    *report_paths("feedback/comments", views.FeedbackCommentsReport),
    *report_paths("quiz-items", views.QuizItemReport),
    *report_paths("learners", views.LearnerSearchReport),
    path(
        "learners/<int:pk>/", views.LearnerRecordView.as_view(), name="learner_record"
    ),
    path("assign/", views.AssignFromReportView.as_view(), name="assign"),
]
