"""`make run` and every deployment collect the static files into a manifest, which fails on a
file that names another one not shipped (a vendored library's source map, say). The suite
serves files without the manifest, so it would not notice: this collects them as production
does."""

from django.core.management import call_command


def test_the_static_files_collect_into_a_manifest(settings, tmp_path) -> None:
    settings.STATIC_ROOT = str(tmp_path)
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0)

    assert (tmp_path / "staticfiles.json").exists()
    assert list(tmp_path.glob("vendor/chartjs/chart.umd.min.*.js"))
