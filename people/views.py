from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _

from .forms import LoginForm, ProfileForm


def locked_out(request, original_response=None, credentials=None):
    """The page a locked-out login gets (django-axes' ``AXES_LOCKOUT_CALLABLE``).

    Shown for the site's login and the admin's alike, with status 429 and
    how long to wait; it does not say whether the account exists.
    """
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    response = render(
        request,
        "people/locked_out.html",
        {"minutes": minutes, "failure_limit": settings.AXES_FAILURE_LIMIT},
        status=429,
    )
    response["Retry-After"] = str(minutes * 60)
    return response


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "people/login.html"
    redirect_authenticated_user = True


@login_required
def profile(request):
    """Show the learner's ASN profile and let them edit their contact details."""
    if request.method == "POST":
        form = ProfileForm(request.POST, instance=request.user)
        if form.is_valid():
            form.save()
            messages.success(request, _("Your profile has been saved."))
            return redirect("people:profile")
    else:
        form = ProfileForm(instance=request.user)
    user = request.user
    # unit_kerja and instansi are shown; one query each at most.
    return render(request, "people/profile.html", {"form": form, "profile_user": user})


password_reset = auth_views.PasswordResetView.as_view(
    template_name="people/password_reset_form.html",
    email_template_name="people/password_reset_email.txt",
    subject_template_name="people/password_reset_subject.txt",
    success_url=reverse_lazy("people:password_reset_done"),
)
password_reset_done = auth_views.PasswordResetDoneView.as_view(
    template_name="people/password_reset_done.html"
)
password_reset_confirm = auth_views.PasswordResetConfirmView.as_view(
    template_name="people/password_reset_confirm.html",
    success_url=reverse_lazy("people:password_reset_complete"),
)
password_reset_complete = auth_views.PasswordResetCompleteView.as_view(
    template_name="people/password_reset_complete.html"
)
password_change = auth_views.PasswordChangeView.as_view(
    template_name="people/password_change.html",
    success_url=reverse_lazy("people:password_change_done"),
)
password_change_done = auth_views.PasswordChangeDoneView.as_view(
    template_name="people/password_change_done.html"
)
