"""gunicorn's settings wherever WalletDesk serves: `make run`, the production profile, the image.

The application, with everything its first requests would otherwise load (the Chinese
segmenter, the URL map, both languages' catalogues), is loaded once in the master before the
workers are forked, so the workers share those pages instead of each holding a copy, and no
worker's first request waits for a dictionary. The OCR engine is the exception: its thread
pools do not survive a fork, so each worker loads its own before its first request. Objects
alive at the fork are moved out of the garbage collector's sight (gc.freeze), so collections
in a worker do not write to, and so copy, the shared pages.
"""

import gc
import os

from prometheus_client import multiprocess

preload_app = os.environ.get("GUNICORN_PRELOAD", "1") != "0"
if preload_app:
    # config/wsgi.py leaves what cannot cross a fork to post_worker_init below.
    os.environ["WALLETDESK_PRELOADED"] = "1"
worker_tmp_dir = os.environ.get("GUNICORN_WORKER_TMP_DIR") or None
# A request slower than this is a bug to find, not to wait for; the worker is replaced.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 20
# Behind a balancer (nginx) that keeps connections open to us.
keepalive = 5
# Two instances may run on one machine (the production profile); nothing uses the control socket.
control_socket_disable = True
# The request id beside each line, to follow one request through the logs.
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms id=%({x-request-id}o)s'


def when_ready(server: object) -> None:
    """After the preload, before the first fork: nothing the workers must not share."""
    if preload_app:
        from django.db import connections

        # A connection opened by the warm-up would be one socket shared by every worker.
        connections.close_all()
        gc.collect()
        gc.freeze()


def post_worker_init(worker: object) -> None:
    # After the worker's own signal handlers are set: a SIGTERM while the engine loads is
    # heard (in post_fork it would be lost, and the worker would linger until the master went).
    if preload_app and os.environ.get("WALLETDESK_WARM_UP", "1") != "0":
        from config.wsgi import warm_up_worker

        warm_up_worker()


def child_exit(server: object, worker: object) -> None:
    # Counters of a worker that has gone stay in the sums; its live gauges are dropped.
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        multiprocess.mark_process_dead(worker.pid)  # type: ignore[attr-defined,no-untyped-call]
