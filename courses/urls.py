from django.urls import path

from . import views

app_name = "courses"

urlpatterns = [
    path("tag/<str:slug>/", views.tag_page, name="tag"),
]
