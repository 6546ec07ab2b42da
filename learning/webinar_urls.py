"""Learner and trainer actions on webinars, under /belajar/webinar/."""

from django.urls import path

from . import webinar_views as views

app_name = "webinars"

urlpatterns = [
    path("<int:webinar_id>/daftar/", views.register, name="register"),
    path("<int:webinar_id>/batal/", views.cancel, name="cancel"),
    path("<int:webinar_id>/hadir/", views.check_in, name="check_in"),
    path("<int:webinar_id>/kehadiran/", views.attendance, name="attendance"),
]
