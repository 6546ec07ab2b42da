"""Public certificate verification: /sertifikat/<code>/ (filled in by the
certificates work)."""

app_name = "certificates"

urlpatterns = []
