from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from home import views as home_views
from lms.views import healthz
from search import views as search_views

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    # The installable web app: manifest, service worker (root scope), offline page.
    path("manifest.webmanifest", home_views.manifest, name="manifest"),
    path("sw.js", home_views.service_worker, name="service_worker"),
    path("luring/", home_views.offline, name="offline"),
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("search/", search_views.search, name="search"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("akun/", include("people.urls")),
    path("", include("courses.urls")),
    path("belajar/", include("learning.urls")),
    path("sertifikat/", include("learning.certificate_urls")),
    path("tim/", include("reports.urls")),
    path("sitemap.xml", sitemap),
]

if settings.SERVE_MEDIA:
    from django.urls import re_path
    from django.views.static import serve

    # Uploaded images and videos from the local disk (a single-server
    # deployment); with object storage, media URLs point at the bucket.
    urlpatterns += [
        re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})
    ]

# Wagtail serves every remaining path from the page tree; keep it last.
urlpatterns += [path("", include(wagtail_urls))]
