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

# Operations: the request id follows each task from the request that queued it, and failed
# tasks are counted for Prometheus (walletdesk/core/requestid.py, metrics.py).
from celery import signals  # noqa: E402

from walletdesk.core import metrics, requestid  # noqa: E402

signals.before_task_publish.connect(requestid.celery_before_publish, weak=False)
signals.task_prerun.connect(requestid.celery_task_prerun, weak=False)
signals.task_postrun.connect(requestid.celery_task_postrun, weak=False)
signals.task_failure.connect(metrics.celery_task_failure, weak=False)
signals.worker_ready.connect(metrics.celery_worker_ready, weak=False)
