import logging
import os
from collections.abc import Callable
from pathlib import Path
from wsgiref.util import setup_testing_defaults

from walletdesk.core.wsgi import wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = wsgi_application()


def warm_up_shared() -> None:
    """Load what would otherwise make the first requests slow and can be shared by forked
    workers: the Chinese segmenter of Help Center search (about 1.5 s), the URL map with its
    reverse lookups and both languages' catalogues (about 60 ms), the compiled templates
    (about 20 ms a page). With gunicorn's preload (config/gunicorn.py) this runs once in the
    master and the workers share the pages; without it, in each worker as it starts."""
    from django.conf import settings
    from django.template import engines
    from django.template.loaders.cached import Loader as CachedLoader
    from django.urls import get_resolver
    from django.utils import translation

    from walletdesk.kb.search import segmenter

    segmenter.get()
    resolver = get_resolver()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            translation.gettext("Help Center")
            resolver.reverse_dict  # noqa: B018 - built per language on first use
    engine = engines["django"].engine  # type: ignore[attr-defined]
    for loader in engine.template_loaders:
        if not isinstance(loader, CachedLoader):
            continue  # DEBUG: templates are read afresh on each request anyway
        for source_loader in loader.loaders:
            # The filesystem and app-folder loaders both list their folders.
            for folder in source_loader.get_dirs():  # type: ignore[attr-defined]
                if not _ours(Path(folder), Path(settings.BASE_DIR)):
                    continue  # the admin's and DRF's pages: rarely asked for, left lazy
                for path in Path(folder).rglob("*.html"):
                    loader.get_template(str(path.relative_to(folder)))


def _ours(folder: Path, base: Path) -> bool:
    return folder.is_relative_to(base) and not folder.is_relative_to(base / ".venv")


def _discard_start(
    status: str, headers: list[tuple[str, str]], exc_info: object = None
) -> Callable[[bytes], object]:
    return len


def warm_up_worker() -> None:
    """In each worker itself: the OCR engine that reads pictures (about 0.6 s; its thread
    pools do not survive a fork, and a forked copy hangs when the worker exits), then one
    Help Center page asked of the application in-process, so the worker's first copies of
    shared pages and its database connection are made before a user waits for them."""
    from django.conf import settings

    from walletdesk.guard.pictures import ocr_engine

    ocr_engine()
    host = next((h for h in settings.ALLOWED_HOSTS if h and "*" not in h), "localhost")
    environ = {"REQUEST_METHOD": "GET", "PATH_INFO": "/", "HTTP_HOST": host.lstrip(".")}
    setup_testing_defaults(environ)
    try:
        b"".join(application(environ, _discard_start))
    except Exception:
        logging.getLogger(__name__).warning("warm-up request failed", exc_info=True)


if os.environ.get("WALLETDESK_WARM_UP", "1") != "0":
    warm_up_shared()
    if os.environ.get("WALLETDESK_PRELOADED") != "1":
        warm_up_worker()
