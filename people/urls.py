from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

app_name = "people"

urlpatterns = [
    path("masuk/", views.LoginView.as_view(), name="login"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("profil/", views.profile, name="profile"),
    path("sandi/lupa/", views.password_reset, name="password_reset"),
    path("sandi/lupa/terkirim/", views.password_reset_done, name="password_reset_done"),
    path(
        "sandi/atur/<uidb64>/<token>/",
        views.password_reset_confirm,
        name="password_reset_confirm",
    ),
    path(
        "sandi/atur/selesai/",
        views.password_reset_complete,
        name="password_reset_complete",
    ),
    path("sandi/ubah/", views.password_change, name="password_change"),
    path(
        "sandi/ubah/selesai/", views.password_change_done, name="password_change_done"
    ),
]
