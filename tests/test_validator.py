"""Every page is valid HTML, as the W3C Nu HTML Checker (vnu.jar) reads it: the sample, and a site
whose texts are full of hostile and pasted markup.

The checker runs once over a whole output folder (its Java start-up is most of its time). It needs
Java (Debian's default-jre-headless) and the npm package vnu-jar in .cache/vnu, which
scripts/test.sh installs; without them these tests are skipped, saying so.
"""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT, build_project
from test_hostile import hostile_project

VNU_JAR = Path(os.environ.get("VNU_JAR", ROOT / ".cache/vnu/node_modules/vnu-jar/build/dist/vnu.jar"))

# What librarians paste from Word and web pages, beside test_hostile's attacks: spaces and stray %
# in addresses, Word's width="50%", ids empty, repeated or the theme's own, list items out of
# lists, a paragraph inside a list, <details> without <summary>, obsolete align, a broken lang.
PASTED = """

<div id="site-main">和主题重名的 id</div> <span id="top">a</span> <span id="top">b</span>
<ul><p>列表里的段落</p><li>项</li></ul> <li>孤立项</li> <dd>孤立定义</dd>
<img src="a b.png" alt="空格"> <img src="https://x.example/a b.png"> <a href="https://x.example/a b">空格链接</a>
<details><p>没有 summary</p></details> <ol start="abc"><li>x</li></ol>
<table><tr><td colspan="abc" align="center">y</td></tr></table>
<h2 id="">空 id</h2> <img src="x.png" width="50%" height="-5"> <span lang="zz-invalid-">语言</span>

# 一级标题

[链接](<https://x.example/a b>) ![图](https://x.example/a%zz.png) ![](data:image/png;base64,iVBORw0KGgo=)

正文[^1]

[^1]: 脚注
"""


def nu_errors(folder: Path) -> list[str]:
    java = shutil.which("java")
    if java is None or not VNU_JAR.is_file():
        pytest.skip("the W3C Nu HTML Checker needs Java (Debian: default-jre-headless) and "
                    f"{VNU_JAR.relative_to(ROOT) if VNU_JAR.is_relative_to(ROOT) else VNU_JAR} (npm vnu-jar; "
                    "bash scripts/test.sh installs both)")
    done = subprocess.run([java, "-jar", str(VNU_JAR), "--errors-only", "--skip-non-html", str(folder)],
                          capture_output=True, text=True, encoding="utf-8", timeout=900)
    found = [line.replace(folder.as_uri(), "").replace(f"file:{folder}", "") for line in
             (done.stdout + done.stderr).splitlines() if line.strip()]
    assert found or done.returncode == 0, done
    return found


def test_every_page_of_the_sample_is_valid_html(sample):
    output = sample.config.output_dir
    assert len(list(output.rglob("*.html"))) > 40
    assert nu_errors(output) == []


def test_a_site_full_of_hostile_and_pasted_markup_is_valid_html(project):
    hostile_project(project)
    for text in ("content/books/evil.md", "content/news/2026-03-02-evil.md", "content/pages/evil.md"):
        with open(project / text, "a", encoding="utf-8") as handle:
            handle.write(PASTED)
    result = build_project(project, project / "output")
    assert not [p for p in result.problems if p.is_error]
    assert nu_errors(project / "output") == []
