"""The Django apps import one way: practice imports accounts, diary imports both, never back.
Every module of the three apps is read (its imports, wherever they are in the file)."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LAYERS = ("accounts", "practice", "diary", "clinic", "api")
"""Lowest first: an app may import the apps before it, never those after it."""
ONLY_IMPORTED_BY = {"clinic": ("coach/urls.py",), "api": ("coach/urls.py",)}
"""Apps nothing else imports but these modules (settings name them as strings)."""


def imports_of(path: Path, source: str | None = None) -> list[tuple[int, str]]:
    """(line, dotted module) for every import in the file, relative ones resolved."""
    package = ".".join(path.relative_to(ROOT).with_suffix("").parts[:-1])
    tree = ast.parse(path.read_text() if source is None else source, filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")
            if node.level:
                base = base[: len(base) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            found += [(node.lineno, f"{module}.{alias.name}") for alias in node.names]
    return found


def against_the_direction(app: str, path: Path, source: str | None = None) -> list[str]:
    above = LAYERS[LAYERS.index(app) + 1 :]
    return [
        f"{path.relative_to(ROOT)}:{line} imports {module}"
        for line, module in imports_of(path, source)
        if any(module == f"coach.{a}" or module.startswith(f"coach.{a}.") for a in above)
    ]


@pytest.mark.parametrize("app", LAYERS)
def test_no_app_imports_an_app_above_it(app):
    modules = sorted((ROOT / "coach" / app).rglob("*.py"))
    assert len(modules) > 5, f"found too few modules under coach/{app}"
    wrong = [w for path in modules for w in against_the_direction(app, path)]
    assert wrong == []


@pytest.mark.parametrize("app", sorted(ONLY_IMPORTED_BY))
def test_nothing_outside_the_app_imports_it_but_the_url_map(app):
    allowed = ONLY_IMPORTED_BY[app]
    wrong = [
        f"{path.relative_to(ROOT)}:{line} imports {module}"
        for path in sorted((ROOT / "coach").rglob("*.py"))
        if not path.is_relative_to(ROOT / "coach" / app)
        and str(path.relative_to(ROOT)) not in allowed
        for line, module in imports_of(path)
        if module == f"coach.{app}" or module.startswith(f"coach.{app}.")
    ]
    assert wrong == []


def test_it_sees_an_import_against_the_direction_even_inside_a_function():
    probe = ROOT / "coach" / "accounts" / "_layers_probe.py"
    source = "def f():\n    from ..diary import views\n    import coach.practice.models\n"
    assert against_the_direction("accounts", probe, source) == [
        "coach/accounts/_layers_probe.py:2 imports coach.diary.views",
        "coach/accounts/_layers_probe.py:3 imports coach.practice.models",
    ]


def test_the_app_on_top_may_import_both_below_it():
    probe = ROOT / "coach" / "diary" / "_layers_probe.py"
    source = "from coach.accounts import guest\nfrom ..practice.models import PracticeSession\n"
    assert against_the_direction("diary", probe, source) == []
