# WalletDesk's image: one image for the web server, the Celery workers, beat and the migration
# job (docs/deploy.md). Two stages: the first compiles what needs a compiler, the second holds
# only what runs, as an unprivileged user.
FROM python:3.11-slim-bookworm AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1 PYTHONDONTWRITEBYTECODE=1
RUN apt-get update \
 && apt-get install -y --no-install-recommends gcc libc6-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY pyproject.toml README.md manage.py ./
COPY config config
COPY walletdesk walletdesk
# Editable: the code stays at /app, where settings find templates/, static/ and locale/.
RUN python -m venv /venv && /venv/bin/pip install --upgrade pip && /venv/bin/pip install -e .
COPY templates templates
COPY static static
COPY locale locale
# Catalogues compiled and static files collected once, at build: every start is the same.
RUN DEBUG=1 /venv/bin/python manage.py compiletranslations \
 && STATIC_ROOT=/app/staticfiles SECRET_KEY=image-build DATABASE_URL=sqlite:////tmp/build.sqlite3 \
    /venv/bin/python manage.py collectstatic --no-input -v 0 \
 && rm -f /tmp/build.sqlite3

FROM python:3.11-slim-bookworm
# OpenCV (the OCR engine's image library) needs these two shared libraries at run time.
RUN apt-get update \
 && apt-get install -y --no-install-recommends libgl1 libglib2.0-0 \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin walletdesk \
 && mkdir -p /var/lib/walletdesk /var/lib/walletdesk/metrics \
 && chown -R 10001:10001 /var/lib/walletdesk
COPY --from=build /venv /venv
COPY --from=build /app /app
WORKDIR /app
ENV PATH=/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=config.settings \
    STATIC_ROOT=/app/staticfiles \
    WALLETDESK_VAR_DIR=/var/lib/walletdesk \
    PROMETHEUS_MULTIPROC_DIR=/var/lib/walletdesk/metrics \
    GUNICORN_WORKER_TMP_DIR=/dev/shm \
    LOG_FORMAT=json
USER 10001
EXPOSE 8000
# The web server by default; the manifests run the worker, beat and migrations from the same image.
CMD ["gunicorn", "config.wsgi", "--config", "python:config.gunicorn", "--bind", "0.0.0.0:8000", "--workers", "2"]
