"""The container image and the Kubernetes manifests (docs/deploy.md) hold the rules they are
for. No cluster runs here, so their shape is checked: non-root everywhere, probes on paths the
application answers, disruption budgets that select real pods, settings names it reads."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.urls import resolve

ROOT = Path(__file__).resolve().parents[2]
MANIFESTS = ROOT / "deploy" / "k8s"
APP_USER = 10001


def _documents() -> list[dict]:
    found: list[dict] = []
    for path in sorted(MANIFESTS.glob("*.yaml")):
        if path.name == "kustomization.yaml":
            continue
        found += [doc for doc in yaml.safe_load_all(path.read_text()) if doc]
    return found


def _pod_specs() -> list[tuple[str, dict]]:
    specs = []
    for doc in _documents():
        if doc["kind"] in ("Deployment", "Job"):
            specs.append((doc["metadata"]["name"], doc["spec"]["template"]["spec"]))
    return specs


def test_the_image_runs_as_an_unprivileged_user_from_a_second_stage():
    dockerfile = (ROOT / "Dockerfile").read_text()
    stages = re.findall(r"^FROM\s+\S+", dockerfile, flags=re.MULTILINE)
    users = re.findall(r"^USER\s+(\S+)", dockerfile, flags=re.MULTILINE)

    assert len(stages) == 2
    assert users == [str(APP_USER)]
    assert dockerfile.index("USER") > dockerfile.rindex("FROM")
    assert "python:config.gunicorn" in dockerfile
    assert "PROMETHEUS_MULTIPROC_DIR" in dockerfile


def test_the_image_leaves_out_the_checkout_and_the_local_state():
    ignored = (ROOT / ".dockerignore").read_text().split()

    assert {".git", ".venv", "var"} <= set(ignored)


def test_every_pod_runs_as_the_app_user_on_a_read_only_root():
    specs = _pod_specs()
    assert {name for name, _spec in specs} == {
        "walletdesk-migrate",
        "walletdesk-web",
        "walletdesk-worker",
        "walletdesk-beat",
    }
    for name, spec in specs:
        assert spec["securityContext"]["runAsNonRoot"] is True, name
        assert spec["securityContext"]["runAsUser"] == APP_USER, name
        for container in spec["containers"]:
            security = container["securityContext"]
            assert security["readOnlyRootFilesystem"] is True, name
            assert security["allowPrivilegeEscalation"] is False, name
            assert security["capabilities"]["drop"] == ["ALL"], name
            mounted = {m["mountPath"] for m in container["volumeMounts"]}
            assert "/var/lib/walletdesk" in mounted, name  # the beat schedule, metrics files


def test_the_web_probes_ask_paths_the_application_answers():
    (web,) = [spec for name, spec in _pod_specs() if name == "walletdesk-web"]
    (container,) = web["containers"]

    assert resolve(container["livenessProbe"]["httpGet"]["path"]).url_name == "healthz"
    assert resolve(container["readinessProbe"]["httpGet"]["path"]).url_name == "readyz"
    assert resolve(container["startupProbe"]["httpGet"]["path"]).url_name == "healthz"


def test_each_disruption_budget_selects_the_pods_of_a_deployment():
    documents = _documents()
    labels = [
        doc["spec"]["template"]["metadata"]["labels"]
        for doc in documents
        if doc["kind"] == "Deployment"
    ]
    budgets = [doc for doc in documents if doc["kind"] == "PodDisruptionBudget"]

    assert len(budgets) == 3
    for budget in budgets:
        wanted = budget["spec"]["selector"]["matchLabels"]
        assert any(wanted.items() <= pod.items() for pod in labels), budget["metadata"]["name"]
        assert budget["spec"]["minAvailable"] == 1


def test_two_beats_are_safe_because_the_scheduler_holds_a_lease():
    (beat,) = [
        doc
        for doc in _documents()
        if doc["kind"] == "Deployment" and doc["metadata"]["name"] == "walletdesk-beat"
    ]

    assert beat["spec"]["replicas"] == 2
    assert settings.CELERY_BEAT_SCHEDULER == "walletdesk.core.beat.LockedScheduler"


def test_the_migration_job_migrates_and_gives_up_after_a_few_tries():
    (job,) = [doc for doc in _documents() if doc["kind"] == "Job"]
    (container,) = job["spec"]["template"]["spec"]["containers"]

    assert container["command"] == ["python", "manage.py", "migrate", "--no-input"]
    assert job["spec"]["backoffLimit"] <= 3
    assert job["spec"]["template"]["spec"]["restartPolicy"] == "Never"


def test_every_setting_the_manifests_give_is_one_the_application_reads():
    read = set(
        re.findall(r'env_\w+\("([A-Z0-9_]+)"', (ROOT / "config" / "settings.py").read_text())
    )
    given: set[str] = set()
    for doc in _documents():
        if doc["kind"] == "ConfigMap":
            given |= set(doc["data"])
        if doc["kind"] == "Secret":
            given |= set(doc["stringData"])

    assert given - read == set()


@pytest.mark.skipif(shutil.which("kubectl") is None, reason="kubectl is not installed")
def test_kustomize_renders_the_manifests():
    rendered = subprocess.run(  # noqa: S603 - a fixed command on our own folder
        ["kubectl", "kustomize", str(MANIFESTS)],  # noqa: S607
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout
    kinds = [doc["kind"] for doc in yaml.safe_load_all(rendered) if doc]

    assert sorted(kinds) == sorted(
        ["Namespace", "ConfigMap", "Secret", "Job"]
        + ["Deployment"] * 3
        + ["PodDisruptionBudget"] * 3
        + ["Service"]
    )


@pytest.mark.skipif(shutil.which("nginx") is None, reason="nginx is not installed")
def test_the_profiles_nginx_configuration_is_valid(tmp_path):
    """The production profile (deploy/local/stack.py) fills in its folder and ports."""
    config = (ROOT / "deploy" / "local" / "nginx.conf").read_text()
    for key, value in {
        "@PROD@": str(tmp_path),
        "@NGINX_PORT@": "18080",
        "@WEB1@": "127.0.0.1:18101",
        "@WEB2@": "127.0.0.1:18102",
    }.items():
        config = config.replace(key, value)
    (tmp_path / "logs").mkdir()
    (tmp_path / "nginx").mkdir()
    (tmp_path / "nginx.conf").write_text(config)

    checked = subprocess.run(  # noqa: S603 - a fixed command on our own file
        ["nginx", "-t", "-c", str(tmp_path / "nginx.conf"), "-p", str(tmp_path / "nginx")],  # noqa: S607
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )

    assert checked.returncode == 0, checked.stderr
    settings_lines = [line for line in config.splitlines() if not line.lstrip().startswith("#")]
    assert not any("@" in line for line in settings_lines)  # every value filled in
