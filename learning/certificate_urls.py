"""Certificates on the public site: /sertifikat/<code>/ verifies one for
anybody; /sertifikat/<code>/pdf/ downloads it for its holder (and the
administrators who may see the holder)."""

from django.urls import path

from . import certificate_views

app_name = "certificates"

urlpatterns = [
    path("<slug:code>/", certificate_views.verify, name="verify"),
    path("<slug:code>/pdf/", certificate_views.download, name="download"),
]
