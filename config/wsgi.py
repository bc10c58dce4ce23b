import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()


def warm_up() -> None:
    """Load what would otherwise make the first request of each worker slow: the Chinese
    segmenter of Help Center search (about 1.5 s) and the OCR engine that reads pictures
    (about 0.6 s). gunicorn imports this module in each worker as it starts, before it
    takes a request."""
    from walletdesk.guard.pictures import ocr_engine
    from walletdesk.kb.search import segmenter

    segmenter.get()
    ocr_engine()


if os.environ.get("WALLETDESK_WARM_UP", "1") != "0":
    warm_up()
