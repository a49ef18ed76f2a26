"""The editor inside `bulletin serve`, over HTTP as a browser without JavaScript uses it: forms
made from the schemas, saves that change only the changed lines, problems beside their field,
conflicts, new files, the trash, and the guards (token, Host, Origin, CSRF, no paths)."""
from __future__ import annotations

import re
import shutil

import pytest

from conftest import MINI
from editor_client import Preview, changed, diff, form_of, wait_for


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    target = tmp_path_factory.mktemp("editor") / "project"
    shutil.copytree(MINI, target, ignore=shutil.ignore_patterns(".bulletin-cache", "output"))
    (target / "content/rosters/2026-spring.yaml").write_text(
        (target / "content/rosters/2026-spring.yaml").read_text(encoding="utf-8").replace(
            "grades:", "grades:  # 每个年级写一项 one entry a grade", 1), encoding="utf-8")
    return target


@pytest.fixture(scope="module")
def preview(project):
    running = Preview(project)
    yield running
    running.stop()


# -- forms and saving --------------------------------------------------------------------------

def test_every_type_has_a_form_and_a_new_form(preview):
    from generator.registry import content_types
    status, home, _ = preview.request("")
    assert status == 200
    for content_type in content_types():
        assert f"new/{content_type.name}" in home
        status, page, _ = preview.request(f"new/{content_type.name}")
        assert status == 200 and "保存" in page, content_type.name


def test_saving_one_field_changes_one_line_and_keeps_comments(preview, project):
    path = project / "content/books/xiyouji.md"
    before = path.read_text(encoding="utf-8")
    status, page, _ = preview.request("edit/books/xiyouji")
    assert status == 200 and 'name="publisher"' in page and "出版社" in page
    action, pairs = form_of(page)
    status, _, headers = preview.request(action, changed(pairs, publisher="中华书局"))
    assert status == 303 and headers["Location"].endswith("edit/books/xiyouji?saved=1")
    after = path.read_text(encoding="utf-8")
    assert diff(before, after) == [line for line in diff(before, after) if "publisher" in line] and len(diff(before, after)) == 2
    assert "publisher: 中华书局" in after and after.split("---", 2)[2] == before.split("---", 2)[2]
    preview_page = lambda: preview.request(preview.url + "books/xiyouji/")[1]  # noqa: E731
    wait_for(lambda: "中华书局" in preview_page())


def test_nested_entries_change_only_their_lines(preview, project):
    path = project / "content/rosters/2026-spring.yaml"
    before = path.read_text(encoding="utf-8")
    action, pairs = form_of(preview.request("edit/rosters/2026-spring")[1])
    names = [k for k, _ in pairs]
    assert "grades[0].classes[0].assistants[0].name" in names and "grades[0]._from" in names
    pairs = changed(pairs, **{"grades[0].classes[0].assistants[1].role": "副组长"})
    pairs.append(("grades[0].classes[0].assistants[3].name", "新同学"))
    assert preview.request(action, pairs)[0] == 303
    after = path.read_text(encoding="utf-8")
    assert "# 每个年级写一项" in after
    # The fixture writes a class's assistants on one line: that line, and only it, changes.
    assert diff(before, after)[1:] == ["+        assistants: [{name: 张伟}, {name: 安然, role: 副组长}, {name: 白雪, role: 组长}, "
                                       "{name: 新同学}]"], diff(before, after)


def test_a_problem_is_shown_beside_its_field_and_nothing_is_written(preview, project):
    path = project / "content/books/caofangzi.md"
    before = path.read_bytes()
    action, pairs = form_of(preview.request("edit/books/caofangzi")[1])
    status, page, _ = preview.request(action, changed(pairs, isbn="978-7-02-000873-6", shelved=""))
    assert status == 422 and path.read_bytes() == before
    isbn_field = page.split('id="f-isbn"')[1].split('class="ed-field')[0]
    assert "校验位" in isbn_field and "ed-error" in isbn_field
    shelved_field = page.split('id="f-shelved"')[1].split('class="ed-field')[0]
    assert "缺少必填字段" in shelved_field
    assert 'value="978-7-02-000873-6"' in page  # what was typed stays in the form


def test_a_save_over_a_file_changed_since_is_refused_showing_both(preview, project):
    path = project / "content/pages/rules.md"
    action, pairs = form_of(preview.request("edit/pages/rules")[1])
    path.write_text(path.read_text(encoding="utf-8").replace("order:", "# 记事本改的\norder:"), encoding="utf-8")
    on_disk = path.read_bytes()
    status, page, _ = preview.request(action, changed(pairs, title="借阅须知"))
    assert status == 409 and path.read_bytes() == on_disk
    assert "记事本改的" in page and "借阅须知" in page and 'data-version="mine"' in page
    action, pairs = form_of(page)  # the form again, made against the file as it is now: saving it overwrites
    assert preview.request(action, pairs)[0] == 303
    assert "title: 借阅须知" in path.read_text(encoding="utf-8") and "记事本改的" in path.read_text(encoding="utf-8")


def test_a_new_file_never_replaces_one_of_the_same_name(preview, project):
    action, pairs = form_of(preview.request("new/news")[1])
    pairs = changed(pairs, title="开学通知", date="2026-03-01", _body="今天开学。")
    status, _, headers = preview.request(action, pairs)
    assert status == 303, _
    made = next((project / "content/news").glob("*-kai-xue-tong-zhi.md"))
    assert made.read_text(encoding="utf-8").startswith("---\ntitle: 开学通知\ndate: 2026-03-01\n")
    made_text = made.read_text(encoding="utf-8")
    status, page, _ = preview.request(action, changed(pairs, _body="别的"))
    assert status == 422 and "已经有一个同名文件" in page.split('id="f-title"')[1].split('class="ed-field')[0]
    assert made.read_text(encoding="utf-8") == made_text


def test_delete_moves_to_the_trash_and_restore_puts_it_back(preview, project):
    path = project / "content/awards/guanliyuan.yaml"
    text = path.read_bytes()
    page = preview.request("edit/awards/guanliyuan")[1]
    action, pairs = form_of(page, 1)
    assert "delete/awards/guanliyuan" in action
    assert preview.request(action, pairs)[0] == 303
    assert not path.exists() and not any((project / "content").rglob("*guanliyuan*"))
    trashed = list((project / ".bulletin-trash").iterdir())
    assert [t.read_bytes() for t in trashed] == [text]
    home = preview.request("")[1]
    action, pairs = next((a, p) for a, p in (form_of(home, i) for i in range(3)) if "restore/" in a)
    assert preview.request(action, pairs)[0] == 303 and path.read_bytes() == text


def test_book_list_and_search(preview):
    status, page, _ = preview.request("?q=xyj")
    assert status == 200 and "西游记" in page and "草房子" not in page
    assert "草房子" in preview.request("?type=books")[1] and "草房子" not in preview.request("?type=awards")[1]
    status, data, _ = preview.request("books.json")
    assert status == 200 and "xiyouji" in data


def test_pages_carry_an_edit_link_only_in_the_preview(preview, project):
    page = preview.request(preview.url + "books/xiyouji/")[1]
    link = re.search(r'id="bulletin-edit" href="([^"]+)"', page).group(1)
    assert link.endswith("/edit/books/xiyouji") and preview.request(preview.url.rstrip("/") + link)[0] == 200
    assert "bulletin-edit" not in (project / "output/books/xiyouji/index.html").read_text(encoding="utf-8")


# -- the guards ------------------------------------------------------------------------------

def test_without_the_token_nothing_is_shown(preview):
    assert preview.request(preview.url + "_edit/")[0] == 403
    assert preview.request(preview.url + "_edit/wrong-token/edit/books/xiyouji")[0] == 403
    assert preview.request(preview.editor.replace("_edit/", "_edit/x") + "edit/books/xiyouji")[0] == 403


def test_another_host_name_is_refused(preview):
    # A DNS-rebinding page reaches 127.0.0.1 under its own host name.
    port = preview.url.rsplit(":", 1)[1].strip("/")
    assert preview.request("", headers={"Host": f"evil.example:{port}"})[0] == 403
    page = preview.request(preview.url + "books/xiyouji/", headers={"Host": f"evil.example:{port}"})[1]
    assert "_edit" not in page  # no token handed out either


def test_writes_from_another_origin_or_without_csrf_are_refused(preview, project):
    path = project / "content/books/jiaoshi.md"
    before = path.read_bytes()
    action, pairs = form_of(preview.request("edit/books/jiaoshi")[1])
    edited = changed(pairs, title="被改了")
    assert preview.request(action, edited, headers={"Origin": "http://evil.example"})[0] == 403
    assert preview.request(action, edited, origin=False)[0] == 403
    assert preview.request(action, [(k, v) for k, v in edited if k != "_csrf"])[0] == 403
    assert preview.request(action, changed(edited, _csrf="guessed"))[0] == 403
    assert preview.request("preview", b"**x**", headers={"Content-Type": "text/plain"})[0] == 403
    assert path.read_bytes() == before


@pytest.mark.parametrize("where", ["save/books/..%2F..%2Fconfig", "save/books/../config", "save/../config.yaml",
                                   "save/books/sub%2Fxiyouji", "save/outside/xiyouji", "delete/books/..%2Fbooks%2Fxiyouji"])
def test_a_write_names_a_type_and_a_slug_never_a_path(preview, project, where):
    _, pairs = form_of(preview.request("edit/books/xiyouji")[1])
    config = (project / "config.yaml").read_bytes()
    status, _, _ = preview.request(preview.editor + where, changed(pairs, title="x"))
    assert status in (400, 403, 404)
    assert (project / "config.yaml").read_bytes() == config and (project / "content/books/xiyouji.md").exists()


def test_a_symlink_out_of_content_is_not_written(preview, project, tmp_path):
    outside = tmp_path / "outside.md"
    outside.write_text("---\ntitle: 外面\nauthor: 某人\nshelved: 2026-01-01\n---\n", encoding="utf-8")
    link = project / "content/books/link.md"
    link.symlink_to(outside)
    try:
        _, pairs = form_of(preview.request("edit/books/xiyouji")[1])
        assert preview.request("save/books/link", changed(pairs, title="改"))[0] == 400
        assert "外面" in outside.read_text(encoding="utf-8")
    finally:
        link.unlink()


def test_no_editor_on_a_network_address(project):
    running = Preview(project, "--host", "0.0.0.0")
    try:
        assert running.editor is None and any("网页编辑已关闭" in line for line in running.lines)
        local = running.url.replace("0.0.0.0", "127.0.0.1")
        assert running.request(local + "_edit/anything/")[0] == 404
        assert "bulletin-edit" not in running.request(local + "books/xiyouji/")[1]
    finally:
        running.stop()


# -- the pieces, without a server -------------------------------------------------------------

def test_input_names_are_schema_paths_and_back():
    from generator.editor.forms import name_of, path_of
    path = ("grades", 0, "classes", 1, "assistants", 0, "name")
    assert name_of(path) == "grades[0].classes[1].assistants[0].name" and path_of(name_of(path)) == path
    assert path_of("weeks[2]") == ("weeks", 2)
    for bad in ("../config", "a/b", "[0]", "a..b", "a[x]", ""):
        assert path_of(bad) is None, bad


def test_values_that_yaml_would_misread_are_quoted():
    import datetime as dt

    from generator.editor.saving import _read_back, yaml_value
    assert type(yaml_value("12:00", None)).__name__ == "DoubleQuotedScalarString"  # YAML 1.1: minutes
    for text in ("12:00", "yes", "on", "9787020008735", "0123", "1_000", "2026-03", "null", "~"):
        assert _read_back(yaml_value(text, None)) == text, text  # the build reads back what was typed
    assert yaml_value("西游记", None) == "西游记" and type(yaml_value("西游记", None)) is str
    assert yaml_value(dt.date(2026, 3, 1), None) == dt.date(2026, 3, 1)


def test_every_content_type_gets_a_form_from_its_schema_alone():
    from generator.editor.forms import FormMaker, form_values
    from generator.registry import content_types
    maker = FormMaker("zh-CN", lambda key: None)
    for content_type in content_types():
        inputs = maker.inputs(content_type.schema, form_values({}, content_type.schema))
        assert [i.name for i in inputs] == [f.name for f in content_type.schema.fields]
        assert all(i.label and i.widget for i in inputs), content_type.name
