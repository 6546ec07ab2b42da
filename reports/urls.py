"""Pages outside the admin: "Tim saya" for supervisors at /tim/."""

from django.urls import path

from .views.team import team

app_name = "reports"

urlpatterns = [
    path("", team, name="team"),
]
