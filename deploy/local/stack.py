"""The production profile on one machine, as it runs on many (`make prod-up`, `make prod-down`).

    .venv/bin/python deploy/local/stack.py up | down | status

Everything runs from this checkout under var/prod/, on 127.0.0.1, with its own servers so the
machine's own PostgreSQL and Redis are left alone:

    nginx :8080  ->  web 1 :8101, web 2 :8102      (gunicorn, config/gunicorn.py, 2 workers each)
    PostgreSQL primary :55432  ->  streaming replica :55433 (read-only pages, core/replica.py)
    Redis :56379 (cache, sessions, broker)  ·  S3-compatible server :59000 (moto)
    SMTP sink :51025  ·  Celery workers x2  ·  beat x2 (one sends, core/beat.py)

PostgreSQL runs as the postgres system user (it refuses root), so this needs root to start it.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROD = ROOT / "var" / "prod"
LOGS = PROD / "logs"
PIDS = PROD / "pids"
BIN = Path(sys.executable).parent
PG_BIN = (
    Path("/usr/lib/postgresql")
    / next(iter(sorted(os.listdir("/usr/lib/postgresql"))), "15")
    / "bin"
)

NGINX_PORT = 8080
WEB_PORTS = (8101, 8102)
PRIMARY_PORT, REPLICA_PORT = 55432, 55433
REDIS_PORT, S3_PORT, SMTP_PORT = 56379, 59000, 51025
BUCKET = "walletdesk-attachments"
# One Message-ID a line for every message the SMTP sink accepted (deploy/local/smtp_sink.py).
SMTP_RECEIVED = PROD / "smtp-received.txt"
DATABASE = "walletdesk"


def _run(command: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, check=True, text=True, capture_output=True, **kwargs)


def _as_postgres(command: list[str]) -> subprocess.CompletedProcess[str]:
    return _run(["runuser", "-u", "postgres", "--", *command])


def app_env() -> dict[str, str]:
    keep = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG", "TZ")}
    return {
        **keep,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "false",
        "SECRET_KEY_FILE": str(ROOT / "var" / "secret_key"),
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:{PRIMARY_PORT}/{DATABASE}",
        "DATABASE_REPLICA_URL": f"postgres://postgres@127.0.0.1:{REPLICA_PORT}/{DATABASE}",
        "DATABASE_CONN_HEALTH_CHECKS": "true",
        "REDIS_URL": f"redis://127.0.0.1:{REDIS_PORT}/0",
        "CELERY_BROKER_URL": f"redis://127.0.0.1:{REDIS_PORT}/1",
        "ATTACHMENTS_STORAGE": "s3",
        "ATTACHMENTS_BUCKET": BUCKET,
        "AWS_S3_ENDPOINT_URL": f"http://127.0.0.1:{S3_PORT}",
        "AWS_S3_REGION_NAME": "us-east-1",
        "AWS_ACCESS_KEY_ID": "walletdesk-local",
        "AWS_SECRET_ACCESS_KEY": "walletdesk-local-secret",
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(SMTP_PORT),
        "SITE_URL": f"http://127.0.0.1:{NGINX_PORT}",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "WALLETDESK_VAR_DIR": str(PROD / "app"),
        "STATIC_ROOT": str(PROD / "static"),
        "LOG_FORMAT": "json",
        "LOG_LEVEL": "WARNING",
        # The fault suite (bench/faults) sends thousands of tickets from one account.
        "RATE_LIMITS_ENABLED": os.environ.get("PROFILE_RATE_LIMITS", "true"),
    }


def _spawn(name: str, command: list[str], env: dict[str, str] | None = None) -> None:
    log = (LOGS / f"{name}.log").open("ab")
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    (PIDS / f"{name}.pid").write_text(str(process.pid))


def _wait(what: str, ready, timeout: float = 60) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if ready():
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise SystemExit(f"{what} did not start within {timeout:.0f} s; see {LOGS}")


def _pg_ready(port: int) -> bool:
    return (
        subprocess.run(
            [str(PG_BIN / "pg_isready"), "-h", "127.0.0.1", "-p", str(port), "-q"], check=False
        ).returncode
        == 0
    )


def _http_ok(url: str) -> bool:
    with urllib.request.urlopen(url, timeout=5) as answer:
        return answer.status == 200


# --- the parts ------------------------------------------------------------------------------


def _pg(tool: str, port: int, *args: str) -> list[str]:
    """A PostgreSQL client tool's command against one of the profile's two servers."""
    return [str(PG_BIN / tool), "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", *args]


def _pg_start(cluster: Path, log_name: str) -> None:
    log = PROD / "pg-run" / log_name
    _as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(cluster), "-l", str(log), "-w", "start"])


def postgres_up() -> None:
    primary, replica = PROD / "pg-primary", PROD / "pg-replica"
    run_dir = PROD / "pg-run"
    run_dir.mkdir(exist_ok=True)
    shutil.chown(run_dir, "postgres", "postgres")
    if not primary.exists():
        primary.mkdir()
        shutil.chown(primary, "postgres", "postgres")
        initdb = [str(PG_BIN / "initdb"), "-D", str(primary), "-U", "postgres", "--auth=trust"]
        _as_postgres([*initdb, "-E", "UTF8", "--locale=C.UTF-8"])
        with (primary / "postgresql.conf").open("a") as conf:
            conf.write(
                f"\nport = {PRIMARY_PORT}\nlisten_addresses = '127.0.0.1'\n"
                f"unix_socket_directories = '{run_dir}'\nwal_level = replica\n"
                "max_wal_senders = 5\nwal_keep_size = '256MB'\nhot_standby = on\n"
            )
        with (primary / "pg_hba.conf").open("a") as hba:
            hba.write("host replication all 127.0.0.1/32 trust\n")
    if not _pg_ready(PRIMARY_PORT):
        _pg_start(primary, "primary.log")
    exists = f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE}'"
    if _run(_pg("psql", PRIMARY_PORT, "-tAc", exists)).stdout.strip() != "1":
        _run(_pg("createdb", PRIMARY_PORT, DATABASE))
    if not replica.exists():
        replica.mkdir(mode=0o700)
        shutil.chown(replica, "postgres", "postgres")
        _as_postgres(_pg("pg_basebackup", PRIMARY_PORT, "-D", str(replica), "-R", "-X", "stream"))
        with (replica / "postgresql.auto.conf").open("a") as conf:
            conf.write(f"port = {REPLICA_PORT}\n")
    if not _pg_ready(REPLICA_PORT):
        _pg_start(replica, "replica.log")


def redis_up() -> None:
    _run(
        [
            "redis-server",
            "--port",
            str(REDIS_PORT),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--daemonize",
            "yes",
            "--pidfile",
            str(PIDS / "redis.pid"),
            "--logfile",
            str(LOGS / "redis.log"),
        ]
    )


def s3_up() -> None:
    _spawn("s3", [str(BIN / "moto_server"), "-H", "127.0.0.1", "-p", str(S3_PORT)])
    _wait("the S3-compatible server", lambda: _http_ok(f"http://127.0.0.1:{S3_PORT}/moto-api/"))
    import boto3

    client = boto3.client(
        "s3",
        endpoint_url=f"http://127.0.0.1:{S3_PORT}",
        region_name="us-east-1",
        aws_access_key_id="walletdesk-local",
        aws_secret_access_key="walletdesk-local-secret",
    )
    if BUCKET not in {b["Name"] for b in client.list_buckets().get("Buckets", [])}:
        client.create_bucket(Bucket=BUCKET)


def smtp_up() -> None:
    sink = ROOT / "deploy" / "local" / "smtp_sink.py"
    _spawn(
        "smtp",
        [sys.executable, str(sink), "--port", str(SMTP_PORT), "--received", str(SMTP_RECEIVED)],
    )


def _metrics_folder(process: str) -> Path:
    """A fresh folder for one process group's Prometheus files (config/gunicorn.py)."""
    folder = PROD / f"metrics-{process}"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    return folder


def app_up(env: dict[str, str]) -> None:
    manage = [sys.executable, "manage.py"]
    _run([*manage, "migrate", "--no-input", "-v", "0"], cwd=ROOT, env=env)
    _run([*manage, "collectstatic", "--no-input", "-v", "0"], cwd=ROOT, env=env)
    marker = PROD / "app" / "seeded"
    if not marker.exists():
        _run([*manage, "seed_demo"], cwd=ROOT, env=env)
        marker.touch()
    for n, port in enumerate(WEB_PORTS, 1):
        metrics = _metrics_folder(f"web{n}")
        _spawn(
            f"web{n}",
            [
                str(BIN / "gunicorn"),
                "config.wsgi",
                "--config",
                "python:config.gunicorn",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "2",
            ],
            {**env, "PROMETHEUS_MULTIPROC_DIR": str(metrics)},
        )
    for n in (1, 2):
        metrics = _metrics_folder(f"worker{n}")
        _spawn(
            f"worker{n}",
            [
                str(BIN / "celery"),
                "-A",
                "config",
                "worker",
                "-n",
                f"worker{n}@%h",
                "--concurrency",
                "2",
                "-l",
                "WARNING",
            ],
            {**env, "PROMETHEUS_MULTIPROC_DIR": str(metrics)},
        )
        _spawn(
            f"beat{n}",
            [
                str(BIN / "celery"),
                "-A",
                "config",
                "beat",
                "-l",
                "WARNING",
                "--schedule",
                str(PROD / f"beat{n}-schedule"),
            ],
            env,
        )
    for port in WEB_PORTS:
        _wait(f"web :{port}", lambda port=port: _http_ok(f"http://127.0.0.1:{port}/healthz"))


def nginx_up() -> None:
    (PROD / "nginx").mkdir(exist_ok=True)
    config = (ROOT / "deploy" / "local" / "nginx.conf").read_text()
    for key, value in {
        "@PROD@": str(PROD),
        "@NGINX_PORT@": str(NGINX_PORT),
        "@WEB1@": f"127.0.0.1:{WEB_PORTS[0]}",
        "@WEB2@": f"127.0.0.1:{WEB_PORTS[1]}",
    }.items():
        config = config.replace(key, value)
    (PROD / "nginx.conf").write_text(config)
    _run(["nginx", "-c", str(PROD / "nginx.conf"), "-p", str(PROD / "nginx")])
    _wait("nginx", lambda: _http_ok(f"http://127.0.0.1:{NGINX_PORT}/readyz"))


def up() -> None:
    for folder in (PROD, LOGS, PIDS, PROD / "app"):
        folder.mkdir(parents=True, exist_ok=True)
    os.chmod(PROD, 0o755)
    env = app_env()
    postgres_up()
    redis_up()
    s3_up()
    smtp_up()
    app_up(env)
    nginx_up()
    print(f"WalletDesk (production profile) at http://127.0.0.1:{NGINX_PORT}/")
    status()


# --- stopping and looking -------------------------------------------------------------------


def _stop_pid(path: Path) -> None:
    try:
        pid = int(path.read_text())
    except (OSError, ValueError):
        return
    for sig, wait in ((signal.SIGTERM, 25.0), (signal.SIGKILL, 5.0)):
        try:
            os.killpg(pid, sig) if path.stem != "redis" else os.kill(pid, sig)
        except ProcessLookupError:
            break
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline and Path(f"/proc/{pid}").exists():
            status_text = (
                Path(f"/proc/{pid}/status").read_text() if Path(f"/proc/{pid}").exists() else ""
            )
            if "zombie" in status_text:
                break
            time.sleep(0.2)
        else:
            continue
        break
    path.unlink(missing_ok=True)


def down() -> None:
    if (PROD / "nginx.pid").exists():
        subprocess.run(
            [
                "nginx",
                "-c",
                str(PROD / "nginx.conf"),
                "-p",
                str(PROD / "nginx"),
                "-s",
                "quit",
            ],
            check=False,
        )
    for path in sorted(PIDS.glob("*.pid")) if PIDS.exists() else []:
        _stop_pid(path)
    for cluster in ("pg-replica", "pg-primary"):
        if (PROD / cluster / "postmaster.pid").exists():
            subprocess.run(
                [
                    "runuser",
                    "-u",
                    "postgres",
                    "--",
                    str(PG_BIN / "pg_ctl"),
                    "-D",
                    str(PROD / cluster),
                    "-m",
                    "fast",
                    "-w",
                    "stop",
                ],
                check=False,
            )
    print("stopped")


def replica_reads() -> int:
    """Transactions the replica has run for the application: it grows while read-only pages
    are served (PostgreSQL publishes a backend's counts within its idle interval, 10 s)."""
    count = f"SELECT xact_commit FROM pg_stat_database WHERE datname = '{DATABASE}'"
    return int(_run(_pg("psql", REPLICA_PORT, "-tAc", count)).stdout.strip() or 0)


def status() -> None:
    with urllib.request.urlopen(f"http://127.0.0.1:{NGINX_PORT}/readyz", timeout=10) as answer:
        ready = json.loads(answer.read())
    print("readiness through nginx:", json.dumps(ready["checks"]))
    before = replica_reads()
    for _ in range(20):
        _http_ok(f"http://127.0.0.1:{NGINX_PORT}/help/")
    time.sleep(11)
    served = replica_reads() - before
    print(f"replica: {served} transactions while 20 Help Center pages were served")
    if not ready["ready"] or served == 0:
        raise SystemExit("the profile is not serving as it should (see var/prod/logs)")


def backup() -> None:
    """A backup of the running profile under var/prod/backups/ (docs/deploy.md, Backups)."""
    folder = PROD / "backups" / time.strftime("%Y%m%d-%H%M%S")
    done = _run(
        [sys.executable, "manage.py", "backup", "--to", str(folder)], cwd=ROOT, env=app_env()
    )
    print(done.stdout.strip())


if __name__ == "__main__":
    action = sys.argv[1] if len(sys.argv) > 1 else "status"
    {"up": up, "down": down, "status": status, "backup": backup}[action]()
