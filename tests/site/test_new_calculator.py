"""A new calculator is a new package and its docs page: copied into the calculators tree of a
temporary copy of the project, with no shared file edited, it is found by the registry and runs
from the command line, from ``api`` and from a page built with the project's own mkdocs.yml.

The fixture only adds files: the package, its page and a config that INHERITs the real mkdocs.yml
and keeps the page out of the nav with MkDocs's ``not_in_nav`` (a page people should find also
needs its line in mkdocs.yml's nav).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

PACKAGE = '''"""A throwaway calculator: twice an amount, in a table of items."""

from ..calculator import Calculator
from ..field import Field
from ..files import WHOLE_FILE, Files
from ..html import esc
from . import figures


class Doubler(Calculator):
    name = "doubler"
    title = "Doubler"
    fields = (Field("items", "Items", "lines", noun="item", plural="items",
                    item_fields=(Field("amount", "Amount", "money", noun="the amount"),)),)
    example = {"items": [{"amount": 2}, {"amount": 3}]}
    result_columns = ("doubled",)
    files = Files(WHOLE_FILE, "items", several=True)
    figure_functions = figures.FIGURES

    def compute(self, values: dict) -> dict:
        return {"items": [{"doubled": item["amount"] * 2} for item in values["items"]],
                "total": sum(item["amount"] for item in values["items"]) * 2}

    def render(self, result: dict, site_root: str) -> str:
        return f'<p class="sv-headline">Doubled: {esc(result["total"])}</p>'


CALCULATOR = Doubler()
'''

FIGURES = '''"""The doubler's guidance figure, through the run the build passes in."""


def doubled_example(*, run) -> str:
    return str(run("doubler", {"items": [{"amount": 21}]})["total"])


FIGURES = (doubled_example,)
'''

PAGE = """# Doubler

Twenty-one doubled is {{ doubled_example() }}.

{{ calculator_form("doubler") }}
"""

CONFIG = """INHERIT: mkdocs.yml
not_in_nav: |
  /calculators/doubler.md
"""


def project_copy(target: Path) -> Path:
    """The project's files as git sees them (tracked, and new ones it does not ignore), with the
    npm runtime and the build's compression cache linked, not copied."""
    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT, check=True,
                            capture_output=True).stdout.decode().split("\0")
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    (target / "node_modules").symlink_to(ROOT / "node_modules")
    (ROOT / ".cache").mkdir(exist_ok=True)
    (target / ".cache").symlink_to(ROOT / ".cache")  # brotli at its best is slow: share its cache
    return target


def in_copy(project: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess:
    """A command run with the copy's core first on the path, and its output."""
    env = dict(os.environ, PYTHONPATH=str(project), NO_MKDOCS_2_WARNING="1", SITE_URL="http://127.0.0.1:8000/")
    return subprocess.run([sys.executable, *args], cwd=project, env=env, input=stdin, capture_output=True,
                          text=True, timeout=600)


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    project = project_copy(tmp_path_factory.mktemp("project"))
    package = project / "calculators" / "doubler"
    package.mkdir()
    (package / "__init__.py").write_text(PACKAGE, encoding="utf-8")
    (package / "figures.py").write_text(FIGURES, encoding="utf-8")
    (project / "docs" / "calculators" / "doubler.md").write_text(PAGE, encoding="utf-8")
    (project / "mkdocs.doubler.yml").write_text(CONFIG, encoding="utf-8")
    return project


def test_the_command_line_finds_it(project):
    done = in_copy(project, "-m", "calculators", "doubler", stdin=json.dumps({"items": [{"amount": "£1,000"}]}))
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["total"] == 2000 and result["permalink"].startswith("#inputs=")
    assert "calculators/doubler/__init__.py" in in_copy(project, "-c", "import calculators.doubler as d; print(d.__file__)").stdout
    (project / "items.csv").write_text("amount\n1\n2\n", encoding="utf-8")
    batch = in_copy(project, "-m", "calculators", "doubler", "--csv", "items.csv")
    assert batch.returncode == 0, batch.stdout + batch.stderr
    assert batch.stdout.splitlines() == ["amount,doubled,errors", "1,2,", "2,4,"]


def test_api_finds_it_and_opens_its_files(project):
    script = ("import json; from calculators import api; "
              "print(json.dumps(api.respond('doubler', {'items': [{'amount': 5}]})['result']['total'])); "
              "print(api.open_files('doubler', json.dumps([{'name': 'a.csv', 'text': 'amount\\n1\\n'}, "
              "{'name': 'b.csv', 'text': 'amount\\n2\\n'}])))")
    done = in_copy(project, "-c", script)
    assert done.returncode == 0, done.stderr
    total, opened = done.stdout.splitlines()
    assert total == "10"
    reply = json.loads(opened)
    assert reply["ok"] and reply["result"]["total"] == 6 and reply["message"].startswith("Opened 2 files with 2 items.")


def test_a_built_page_runs_it(project):
    done = in_copy(project, "-m", "mkdocs", "build", "--strict", "-f", "mkdocs.doubler.yml", "--site-dir", "site")
    assert done.returncode == 0, done.stderr[-3000:]
    page = (project / "site" / "calculators" / "doubler" / "index.html").read_text(encoding="utf-8")
    assert "Twenty-one doubled is 42." in page  # its figure macro, through run
    assert 'data-calculator="doubler"' in page and "Doubled: 10" in page  # its form, and the example worked out
    assert 'type="file"' in page and "multiple" in page.split('data-import')[1].split(">")[0]
    wheel = next((project / "site" / "assets" / "core").glob("*.whl"))
    assert "calculators/doubler/__init__.py" in zipfile.ZipFile(wheel).namelist()  # the browser's core has it
