"""Themes: words come from translations (zh-CN and en alike), and a site can override one template."""
from __future__ import annotations

import re

import yaml

from conftest import ROOT, build_project, read
from generator.i18n import _flatten


def keys(language):
    return set(_flatten(yaml.safe_load((ROOT / f"themes/default/i18n/{language}.yaml").read_text(encoding="utf-8"))))


def test_translations_have_the_same_keys():
    assert keys("zh-CN") == keys("en")


def test_no_translation_key_shows_on_a_page(sample):
    known = keys("zh-CN")
    for page in sample.config.output_dir.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        leaked = [k for k in known if re.search(rf">\s*{re.escape(k)}\s*<", text)]
        assert not leaked, (page, leaked)


def test_english_site(project):
    config = project / "config.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("language: zh-CN", "language: en"), encoding="utf-8")
    result = build_project(project, project / "output")
    html = read(result, "books/xiyouji/index.html")
    assert '<html lang="en">' in html and "Shelved" in html and "Monday, 2 March 2026" in html


def school_theme(project, templates: dict[str, str]) -> None:
    """A site theme `school` holding just these templates, chosen in config.yaml."""
    theme = project / "themes/school/templates"
    theme.mkdir(parents=True)
    for name, text in templates.items():
        (theme / name).write_text(text, encoding="utf-8")
    config = project / "config.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "theme: school\n", encoding="utf-8")


def test_site_theme_overrides_one_template_and_keeps_the_rest(project):
    school_theme(project, {"404.html": '{% extends "base.html" %}{% block main %}<p>我们的404</p>{% endblock %}'})
    result = build_project(project, project / "output")
    assert "我们的404" in read(result, "404.html")
    assert "西游记" in read(result, "books/index.html")


def test_a_broken_template_no_page_uses_does_not_stop_the_build(project):
    # Every template is compiled ahead of the pages (for the workers to inherit); a draft the
    # librarian left in her theme folder, used by no page, must not fail the build.
    school_theme(project, {"draft.html": "{% if %}unfinished"})
    result = build_project(project, project / "output")
    assert "西游记" in read(result, "books/index.html")
    assert not any(p.code == "template_error" for p in result.problems)


def test_readme_field_tables_match_the_schemas():
    from generator.docs import field_tables
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    current = readme.split("<!-- fields:start -->\n")[1].split("<!-- fields:end -->")[0]
    assert current == field_tables(), "run: python -m generator.docs --write"


def test_an_english_site_has_english_punctuation(project):
    import re
    from conftest import build_project
    from generator.outputs import BuildOptions
    config = project / "config.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("language: zh-CN", "language: en"), encoding="utf-8")
    result = build_project(project, project / "output", options=BuildOptions(pdf=False))
    out = result.config.output_dir
    for page in ("calendar/index.html", "awards/guanliyuan/index.html", "rotation/index.html", "books/xiyouji/index.html",
                 "print/rotation.html", "print/roster.html"):
        text = re.sub(r"<[^>]+>", "", (out / page).read_text(encoding="utf-8"))
        assert not re.search(r"[A-Za-z)][：（）；、。]|[：（；、。][A-Za-z(]", text), page
    assert "Place: " in (out / "calendar/index.html").read_text(encoding="utf-8")
