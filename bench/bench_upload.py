"""Upload throughput and peak memory of a 10 MB attachment, end to end through Django's
multipart parser, our upload handler (bytes to a temporary file as they arrive), the pipeline
(sniff, PDF check or picture re-encode) and local storage.

Each case runs in a fresh child process so its peak resident memory (ru_maxrss) is its own;
tracemalloc adds the peak of Python-level allocations (it cannot see Pillow's pixel buffers).
The request body is read from a file on disk, as a server would stream it from the socket.

    DEBUG=1 .venv/bin/python -m bench.bench_upload [--runs 5]
"""

import argparse
import io
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc

CASES = ("pdf", "png")
MB = 1024 * 1024


def _body(kind: str, path: str) -> tuple[str, int]:
    """Write a multipart body with one ~10 MB file of ``kind``; returns boundary and size."""
    from PIL import Image

    if kind == "pdf":
        # A scanned receipt: one page holding a large photo (noise barely compresses).
        scan = Image.frombytes("RGB", (2950, 2950), os.urandom(2950 * 2950 * 3))
        out = io.BytesIO()
        scan.save(out, "PDF", quality=95, resolution=300)
        data = out.getvalue()
        content_type = "application/pdf"
    else:
        # Noise does not compress: 1800×1800 RGB is about 9.7 MB as PNG.
        image = Image.frombytes("RGB", (1800, 1800), os.urandom(1800 * 1800 * 3))
        out = io.BytesIO()
        image.save(out, "PNG", compress_level=1)
        data = out.getvalue()
        content_type = "image/png"
    boundary = "benchboundary7MA4YWxkTrZu0gW"
    with open(path, "wb") as handle:
        field = 'Content-Disposition: form-data; name="body"'
        handle.write(f"--{boundary}\r\n{field}\r\n\r\nbench\r\n".encode())
        handle.write(
            f'--{boundary}\r\nContent-Disposition: form-data; name="attachments"; '
            f'filename="proof.{kind}"\r\nContent-Type: {content_type}\r\n\r\n'.encode()
        )
        handle.write(data)
        handle.write(f"\r\n--{boundary}--\r\n".encode())
    return boundary, os.path.getsize(path)


def _child(kind: str, runs: int) -> dict[str, float]:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings_test")
    import django

    django.setup()
    from django.core.handlers.wsgi import WSGIRequest
    from django.db import connection, transaction
    from django.test.utils import setup_test_environment

    setup_test_environment()
    connection.creation.create_test_db(verbosity=0)
    from django.conf import settings

    from walletdesk.accounts.tests.factories import UserFactory
    from walletdesk.attachments import services
    from walletdesk.attachments.upload_handlers import refusals_of
    from walletdesk.tickets.tests.factories import TicketFactory

    storage_dir = tempfile.mkdtemp(prefix="bench-attachments-")
    settings.STORAGES = {
        **settings.STORAGES,
        "attachments": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": storage_dir},
        },
    }
    user = UserFactory()
    ticket = TicketFactory(requester=user)
    body_path = os.path.join(storage_dir, "body.bin")
    boundary, size = _body(kind, body_path)

    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    timings = []
    tracemalloc.start()
    for _ in range(runs):
        with open(body_path, "rb") as wsgi_input:
            environ = {
                "REQUEST_METHOD": "POST",
                "PATH_INFO": "/bench/",
                "SERVER_NAME": "127.0.0.1",
                "SERVER_PORT": "80",
                "wsgi.input": wsgi_input,
                "wsgi.url_scheme": "http",
                "CONTENT_TYPE": f"multipart/form-data; boundary={boundary}",
                "CONTENT_LENGTH": str(size),
            }
            started = time.perf_counter()
            request = WSGIRequest(environ)
            files = request.FILES.getlist("attachments")
            checked = services.attachment_uploads_check(
                uploads=files, uploader=user, ticket=ticket, refusals=refusals_of(request)
            )
            batch = services.AttachmentBatch(uploader=user, uploads=checked)
            with batch, transaction.atomic():
                batch.store(ticket=ticket)
            timings.append(time.perf_counter() - started)
    _, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    timings.sort()
    median = timings[len(timings) // 2]
    return {
        "kind": kind,
        "body_mb": round(size / MB, 2),
        "median_s": round(median, 3),
        "throughput_mb_s": round(size / MB / median, 1),
        "traced_peak_mb": round(traced_peak / MB, 2),
        "rss_growth_mb": round((rss_after - rss_before) / 1024, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--child", choices=CASES)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(_child(args.child, args.runs)))
        return
    print("| file | body | median per upload | throughput | peak Python memory | peak RSS growth |")
    print("| --- | --- | --- | --- | --- | --- |")
    for kind in CASES:
        out = subprocess.run(  # noqa: S603 - our own interpreter and module
            [sys.executable, "-m", "bench.bench_upload", "--child", kind, "--runs", str(args.runs)],
            check=True,
            capture_output=True,
            text=True,
        )
        row = json.loads(out.stdout.strip().splitlines()[-1])
        print(
            f"| {row['kind'].upper()} | {row['body_mb']} MB | {row['median_s']} s | "
            f"{row['throughput_mb_s']} MB/s | {row['traced_peak_mb']} MB | "
            f"{row['rss_growth_mb']} MB |"
        )


if __name__ == "__main__":
    main()
