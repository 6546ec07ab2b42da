"""Offline learning, under /belajar/: saved courses, offline quizzes, sync."""

from django.urls import path

from . import sync

urlpatterns = [
    path("sync/", sync.sync, name="sync"),
    path(
        "kursus/<int:course_id>/offline.json",
        sync.offline_course,
        name="offline_course",
    ),
    path("modul/<int:module_id>/kuis/offline/", sync.offline_quiz, name="offline_quiz"),
]
