"""Browser tests: Debian's Chromium driven by Playwright against a server that
serves the site as production does.

The server runs in a thread of this process: the WSGI application with
whitenoise and DEBUG off, static files collected once into a temporary
STATIC_ROOT by CompressedManifestStaticFilesStorage (hashed names, gzip,
``Cache-Control: max-age=31536000, immutable``). It answers one request at a
time on the test's own database connection, so the data a test makes lives
in that test's transaction and is rolled back afterwards, on SQLite and
PostgreSQL alike. Test code that reads the database while the browser may be
busy takes ``live.lock`` so the two never use the connection at once.

The demo organisation and content are loaded once for the whole package (in
an outer transaction, rolled back at the end).

Chromium is /usr/bin/chromium (``make browser`` installs it; nothing is ever
downloaded). Without it the tests skip, except in CI (``CI=true``), where
they fail.
"""

import os
import shutil
import threading
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.servers.basehttp import WSGIServer
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connections, transaction
from django.test import Client
from django.test.testcases import LiveServerThread, QuietWSGIRequestHandler
from django.test.utils import override_settings

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-gpu",
]
ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
# A low-end Android phone in portrait.
PHONE = {"width": 360, "height": 740}


def _missing(reason):
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason} (CI needs the browser tests)", pytrace=False)
    pytest.skip(reason)


class _SerialServerThread(LiveServerThread):
    """Django's live server, one request at a time, behind a lock."""

    def __init__(self, *args, lock, **kwargs):
        super().__init__(*args, **kwargs)
        self.lock = lock

    def _create_server(self, connections_override=None):
        return WSGIServer(
            (self.host, self.port), QuietWSGIRequestHandler, allow_reuse_address=False
        )


def _locked(app, lock):
    def application(environ, start_response):
        with lock:
            result = app(environ, start_response)
            try:
                return [b"".join(result)]
            finally:
                if hasattr(result, "close"):
                    result.close()

    return application


@dataclass
class LiveSite:
    url: str
    lock: threading.RLock
    static_root: Path
    people: dict = field(default_factory=dict)

    def login_cookie(self, context, user):
        """Log ``user`` in for a browser context (a session made server-side)."""
        with self.lock:
            client = Client()
            client.force_login(user)
            value = client.cookies[settings.SESSION_COOKIE_NAME].value
        context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": value, "url": self.url}]
        )


@pytest.fixture(scope="package")
def live(browser, django_db_setup, django_db_blocker, tmp_path_factory):
    """The production-like server, with the demo data loaded.

    Started after the browser: Playwright keeps an event loop running in this
    thread, so Django keeps its connection per context from then on, and the
    server must share the connection the tests will use.
    """
    static_root = tmp_path_factory.mktemp("staticfiles")
    overrides = override_settings(
        DEBUG=False,
        STATIC_ROOT=static_root,
        STORAGES={
            **settings.STORAGES,
            "staticfiles": {
                "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
            },
        },
        # The site's pages use only the project's own static files.
        STATICFILES_FINDERS=["django.contrib.staticfiles.finders.FileSystemFinder"],
        WHITENOISE_USE_FINDERS=False,
        WHITENOISE_AUTOREFRESH=False,
    )
    overrides.enable()
    call_command("collectstatic", interactive=False, verbosity=0)
    # The server shares the test's connection: keep Django from closing it
    # at the end of each request.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    lock = threading.RLock()
    connection = connections["default"]
    connection.inc_thread_sharing()
    thread = _SerialServerThread(
        "127.0.0.1",
        lambda app: _locked(app, lock),
        connections_override={"default": connection},
        lock=lock,
    )
    thread.daemon = True
    thread.start()
    thread.is_ready.wait()
    if thread.error:
        raise thread.error
    site = LiveSite(
        url=f"http://127.0.0.1:{thread.port}", lock=lock, static_root=static_root
    )
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            from courses.demo import seed_content
            from learning.demo import seed_learning
            from people.demo import seed_people

            site.people = {name: user for name, (user, _role) in seed_people().items()}
            seed_content()
            seed_learning()
            yield site
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            # Stop serving before the connection goes back to the main thread.
            thread.httpd.shutdown()
            thread.httpd.server_close()
            thread.join(timeout=10)
            connection.dec_thread_sharing()
            request_started.connect(close_old_connections)
            request_finished.connect(close_old_connections)
            overrides.disable()
            shutil.rmtree(static_root, ignore_errors=True)


@pytest.fixture(scope="package")
def browser():
    """Headless Debian Chromium, once for the package."""
    if not os.path.exists(CHROMIUM):
        _missing(f"{CHROMIUM} is not installed (make browser)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("the playwright package is not installed")
    # Playwright's synchronous API keeps an event loop in this thread, which
    # Django takes for async code; the database calls here are synchronous.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(
                executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
            )
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def new_context(live, browser, db):
    """Open browser contexts (a phone screen by default) that the test closes."""
    contexts = []

    def open_context(**options):
        options.setdefault("viewport", PHONE)
        options.setdefault("locale", "id-ID")
        options.setdefault("timezone_id", "Asia/Jakarta")
        context = browser.new_context(base_url=live.url, **options)
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context

    yield open_context
    for context in contexts:
        context.close()


@pytest.fixture
def hosts_seen():
    """Every host a browser context asked for; see ``watch_hosts``."""
    return set()


def watch_hosts(context, hosts):
    """Record the host of every request the context (pages and workers) makes."""
    from urllib.parse import urlsplit

    def record(request):
        parts = urlsplit(request.url)
        if parts.scheme in ("http", "https", "ws", "wss"):
            hosts.add(parts.netloc)

    context.on("request", record)


# Resolves once a service worker controls the page (after its first install,
# clients.claim() hands it the open page).
_CONTROLLED = """navigator.serviceWorker.ready.then(() => new Promise(resolve => {
  const worker = navigator.serviceWorker;
  if (worker.controller) resolve(true);
  else worker.addEventListener("controllerchange", () => resolve(true));
}))"""


def wait_for_service_worker(page):
    """Wait until the page is controlled by the site's service worker.

    (page.evaluate, not wait_for_function: the page's CSP forbids eval.)
    """
    assert page.evaluate(_CONTROLLED) is True


# Lazy pictures below the fold load only when scrolled to; a full-page
# screenshot shows them all, as a reader scrolling down would see them.
LOAD_EVERY_IMAGE = """() => Promise.all(Array.from(document.images, img => {
  img.loading = "eager";
  return img.complete ? true : new Promise(resolve => {
    img.addEventListener("load", resolve);
    img.addEventListener("error", resolve);
  });
}))"""


def screenshot(page, name):
    """Save a full-page screenshot as a test artifact."""
    folder = ARTIFACTS / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    page.evaluate(LOAD_EVERY_IMAGE)
    page.screenshot(path=str(folder / f"{name}.png"), full_page=True)
