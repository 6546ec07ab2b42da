"""Learner actions on webinars under /belajar/webinar/ (filled in by the
webinar work)."""

urlpatterns = []
