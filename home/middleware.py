"""Site-wide request handling that belongs to the site chrome."""

from django.conf import settings
from django.utils import translation


class CookieLocaleMiddleware:
    """Indonesian for everyone unless they chose another language.

    Django's LocaleMiddleware follows the browser's Accept-Language, and many
    phones in Indonesia are set to English; the site's language is Indonesian
    by default, and the language switch (a cookie) is the only way to change it.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.languages = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if code not in self.languages:
            code = settings.LANGUAGE_CODE
        translation.activate(code)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
        return response
