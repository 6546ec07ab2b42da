from django.urls import include, path

from . import views

app_name = "learning"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("kursus/<int:course_id>/ikuti/", views.enrol, name="enrol"),
    path("modul/<int:module_id>/selesai/", views.complete_module, name="complete"),
    path("modul/<int:module_id>/kuis/mulai/", views.start_quiz, name="start_quiz"),
    path("modul/<int:module_id>/kuesioner/", views.give_feedback, name="give_feedback"),
    path("kuis/<int:attempt_id>/", views.quiz_attempt, name="quiz_attempt"),
    path("kuis/<int:attempt_id>/simpan/", views.quiz_autosave, name="quiz_autosave"),
    path("kuis/<int:attempt_id>/hasil/", views.quiz_result, name="quiz_result"),
    path("webinar/", include("learning.webinar_urls")),
    path("", include("learning.offline_urls")),
]
