"""With SENTRY_DSN set, a failure is reported to Sentry, and nothing a user wrote goes with it:
no request body, query string, cookies or headers, no local variables, no SQL. The report is
caught by a local server standing in for Sentry, in a separate process so the SDK's hooks never
touch the rest of the suite."""

import gzip
import json
import subprocess
import sys
import threading
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from django.conf import settings

PHRASE = "abandon amount liar amount expire adjust cage candy arch gather drum buyer"

FAILING_REQUEST = """
import io, sys, types
from urllib.parse import urlencode
from wsgiref.util import setup_testing_defaults
import django
django.setup()
import sentry_sdk
from django.core.wsgi import get_wsgi_application
from django.test.utils import override_settings
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

@csrf_exempt
def fails(request):
    description = request.POST.get("description", "")
    raise RuntimeError("the view failed")

urls = types.ModuleType("probe_urls")
urls.urlpatterns = [path("fails", fails)]
sys.modules["probe_urls"] = urls
body = urlencode({"description": sys.argv[1]}).encode()
environ = {
    "REQUEST_METHOD": "POST",
    "PATH_INFO": "/fails",
    "QUERY_STRING": "email=alice%40example.com",
    "CONTENT_TYPE": "application/x-www-form-urlencoded",
    "CONTENT_LENGTH": str(len(body)),
    "wsgi.input": io.BytesIO(body),
    "HTTP_HOST": "desk.example",
    "HTTP_COOKIE": "wallet_note=cookie-value-7731",
    "HTTP_AUTHORIZATION": "Bearer token-value-5521",
    "HTTP_X_REQUEST_ID": "req-sentry-0001",
}
setup_testing_defaults(environ)
statuses = []
with override_settings(ROOT_URLCONF="probe_urls", ALLOWED_HOSTS=["desk.example"]):
    application = get_wsgi_application()
    b"".join(application(environ, lambda status, headers: statuses.append(status)))
print(statuses[0].split()[0])
sentry_sdk.flush(timeout=10)
"""


class _Catcher(BaseHTTPRequestHandler):
    received: list[bytes] = []

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        encoding = self.headers.get("Content-Encoding", "")
        if encoding == "gzip":
            body = gzip.decompress(body)
        elif encoding == "deflate":
            body = zlib.decompress(body)
        type(self).received.append(body)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args: object) -> None:
        pass


def test_a_failure_reaches_sentry_without_what_the_user_wrote():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Catcher)
    _Catcher.received = []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_address[1]
    try:
        result = subprocess.run(  # noqa: S603 - our own interpreter and a fixed script
            [sys.executable, "-c", FAILING_REQUEST, PHRASE],
            cwd=Path(settings.BASE_DIR),
            env={
                "PATH": "/usr/bin:/bin",
                "DJANGO_SETTINGS_MODULE": "config.settings_test",
                "SENTRY_DSN": f"http://publickey@127.0.0.1:{port}/1",
                "SENTRY_RELEASE": "walletdesk@test",
            },
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        )
    finally:
        server.shutdown()

    assert result.stdout.strip().splitlines()[-1] == "500"
    sent = b"\n".join(_Catcher.received).decode()
    events = [
        json.loads(line)
        for line in sent.splitlines()
        if line.startswith("{") and '"exception"' in line
    ]
    assert len(events) == 1
    event = events[0]
    assert event["exception"]["values"][-1]["type"] == "RuntimeError"
    assert event["tags"]["request_id"] == "req-sentry-0001"
    assert event["release"] == "walletdesk@test"
    assert event["request"] == {"method": "POST", "url": "http://desk.example/fails"}
    for kept_out in (
        "abandon",
        "cookie-value-7731",
        "token-value-5521",
        "alice%40example",
        "alice@example",
    ):
        assert kept_out not in sent
    frames = event["exception"]["values"][-1]["stacktrace"]["frames"]
    assert frames
    assert all("vars" not in frame for frame in frames)
