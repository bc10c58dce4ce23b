"""The Celery application: delivery tasks and the periodic sweeps (beat).

Everything is configured from Django's settings (CELERY_* names, read lazily). With no broker
configured the embedded default is kombu's filesystem transport under var/, which needs no
server; production sets CELERY_BROKER_URL=redis://... and runs workers on many machines.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("walletdesk")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
