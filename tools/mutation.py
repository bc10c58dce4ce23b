"""Mutation testing of chosen modules with mutmut, and their scores (docs/mutation-testing.md).

    python tools/mutation.py walletdesk/chain/formats.py [more.py ...] [--tests PATH ...]
        [--pytest-args="-m 'not ocr'"] [--isolation fork] [--only 'x__split_values*' ...]

mutmut reads one fixed [tool.mutmut] table from pyproject.toml. This script keeps that table for
what every run shares (which trees are copied into mutants/, the pytest options) and sets per run
the modules to mutate and the tests to run against them: by default the tests/ folder of each
module's app, where its tests live. --pytest-args adds options to every pytest run (a marker
expression leaving out slow tests); they are parsed like a shell command line. mutants/ is
rebuilt from scratch each run, so edited tests, templates and compiled translations are always
the current ones. --only runs the mutants whose names match (mutmut's names, wildcards allowed:
the functions a change touched), and scores those alone.
"""

import argparse
import os
import shlex
import shutil
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def default_tests(module: Path) -> Path:
    """walletdesk/<app>/x.py is tested in walletdesk/<app>/tests/ (the style guide's mirror)."""
    app = module.parts[:2]
    return Path(*app, "tests")


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="+", type=Path, help="files to mutate, from the root")
    parser.add_argument("--tests", nargs="*", default=None, help="test files or folders to run")
    parser.add_argument("--jobs", type=int, default=2, help="mutants tested at once")
    parser.add_argument(
        "--pytest-args",
        default="",
        help="more pytest options for every run, e.g. \"-m 'not ocr'\" (a -m joins the shared one)",
    )
    parser.add_argument(
        "--isolation",
        choices=("fork", "forkserver"),
        default=None,
        help="how each mutant's tests are started, instead of pyproject.toml's process_isolation",
    )
    parser.add_argument(
        "--only",
        nargs="*",
        default=[],
        help="mutant names to run, wildcards allowed (walletdesk.chain.secret_guard.x__prepare*)",
    )
    return parser.parse_args(argv)


def merged_args(shared: list[str], extra: list[str]) -> list[str]:
    """``shared`` pytest options with ``extra`` added. pytest keeps only the last ``-m``, so a
    marker expression in both is joined with ``and``: the shared one (no browser tests) stays."""
    shared, extra = list(shared), list(extra)
    if "-m" in shared and "-m" in extra:
        at, extra_at = shared.index("-m") + 1, extra.index("-m") + 1
        shared[at] = f"({shared[at]}) and ({extra[extra_at]})"
        del extra[extra_at - 1 : extra_at + 1]
    return shared + extra


def configure(
    modules: list[Path], tests: list[str], pytest_args: list[str], isolation: str | None = None
) -> None:
    from mutmut.configuration import ProcessIsolation, config

    settings = config()
    settings.only_mutate = [str(m) for m in modules]
    settings.pytest_add_cli_args_test_selection = tests
    settings.pytest_add_cli_args = merged_args(settings.pytest_add_cli_args, pytest_args)
    if isolation:
        settings.process_isolation = ProcessIsolation(isolation)


def scores(modules: list[Path]) -> int:
    """Print killed/total per module; the number of modules with a survivor."""
    from mutmut.mutation.data import SourceFileMutationData
    from mutmut.stats import status_by_exit_code

    print()
    print("Mutation score (killed / mutants); list survivors with: mutmut results")
    open_modules = 0
    for module in modules:
        data = SourceFileMutationData(path=module)
        data.load()
        counts = Counter(status_by_exit_code[code] for code in data.exit_code_by_key.values())
        total = sum(counts.values())
        killed = counts.pop("killed", 0)
        share = f"{100 * killed / total:.1f}%" if total else "no mutants"
        rest = ", ".join(f"{status} {n}" for status, n in sorted(counts.items()))
        print(f"  {module}: {killed}/{total} killed ({share}){'; ' + rest if rest else ''}")
        open_modules += bool(counts)
    return open_modules


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    modules = [m if not m.is_absolute() else m.relative_to(ROOT) for m in args.modules]
    missing = [str(m) for m in modules if not (ROOT / m).is_file() or m.suffix != ".py"]
    if missing:
        print(f"Not a Python file of the project: {', '.join(missing)}", file=sys.stderr)
        return 2
    tests = args.tests or sorted({str(default_tests(m)) for m in modules})
    pytest_args = shlex.split(args.pytest_args)
    print(f"Mutating {', '.join(map(str, modules))}; tests: {' '.join(tests + pytest_args)}")

    os.chdir(ROOT)  # mutmut reads pyproject.toml and writes mutants/ in the working folder
    from mutmut.__main__ import cli

    shutil.rmtree(ROOT / "mutants", ignore_errors=True)
    configure(modules, tests, pytest_args, args.isolation)
    try:
        cli.main(["run", "--max-children", str(args.jobs), *args.only], standalone_mode=False)
    except SystemExit as stop:
        if stop.code:
            return int(stop.code) if isinstance(stop.code, int) else 1
    scores(modules)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
