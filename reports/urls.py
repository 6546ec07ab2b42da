"""Pages outside the admin for supervisors ("Tim saya")."""

app_name = "reports"

urlpatterns = []
