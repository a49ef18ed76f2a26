"""Printables as the librarian prints them: what is on each PDF page, its paper, its fonts, its QR code."""
from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys

from conftest import build_project, read
from generator.outputs import BuildOptions, pdf

A4 = "595.276 x 841.89"
A4_LANDSCAPE = "841.89 x 595.276"
A3_LANDSCAPE = "1190.55 x 841.89"


def tool(name: str) -> str:
    found = shutil.which(name)
    assert found, f"{name} is missing: scripts/system-packages.sh test installs it"
    return found


def info(path) -> dict[str, str]:
    out = subprocess.run([tool("pdfinfo"), str(path)], capture_output=True, text=True, check=True).stdout
    return dict(line.split(":", 1) for line in out.splitlines() if ":" in line)


def pages(path) -> int:
    return int(info(path)["Pages"])


def paper(path) -> str:
    return info(path)["Page size"].split("pts")[0].strip()


def text(path, page: int | None = None) -> str:
    args = [tool("pdftotext")]
    if page:
        args += ["-f", str(page), "-l", str(page)]
    return subprocess.run([*args, str(path), "-"], capture_output=True, text=True, check=True).stdout


def squeezed(path, page: int | None = None) -> str:
    """The page's text without spaces and line breaks, as a reader would read it off the sheet."""
    return re.sub(r"\s+", "", text(path, page))


def fonts(path) -> list[list[str]]:
    out = subprocess.run([tool("pdffonts"), str(path)], capture_output=True, text=True, check=True).stdout
    return [line.split() for line in out.splitlines()[2:]]


def test_a_poster_for_each_featured_book_on_one_a4_page(sample):
    out = sample.config.output_dir
    featured = [b for b in sample.site.books if b.featured]
    assert len(featured) == 5
    for book in featured:
        poster = out / f"print/posters/{book.slug}.pdf"
        assert pages(poster) == 1 and paper(poster) == A4
        words = squeezed(poster)
        assert f"《{book.title}》" in words and book.author.replace(" ", "") in words
        assert book.call_number in words
    assert not (out / "print/posters/xiaoliyu-tiao-longmen.pdf").exists()  # not featured


def test_posters_embed_chinese_fonts(sample):
    rows = fonts(sample.config.output_dir / "print/posters/xiyouji.pdf")
    assert rows and all(row[-5] == "yes" for row in rows), rows  # every font embedded ("emb")
    assert any("CJK" in row[0] for row in rows), rows


def test_poster_qr_code_opens_the_books_page_on_the_intranet(mini, tmp_path):
    poster = mini.config.output_dir / "print/posters/xiyouji.pdf"
    subprocess.run([tool("pdftoppm"), "-r", "150", "-png", "-singlefile", str(poster), str(tmp_path / "poster")], check=True)
    scanned = subprocess.run([tool("zbarimg"), "--quiet", "--raw", str(tmp_path / "poster.png")],
                             capture_output=True, text=True, check=True).stdout.strip()
    assert scanned == "http://intranet.test/library/books/xiyouji/"
    assert "扫码" in squeezed(poster)


def test_without_base_url_posters_have_no_qr_and_the_build_says_why(sample):
    assert any(p.code == "poster_no_qr" for p in sample.problems)
    html = read(sample, "print/posters/xiyouji.html")
    assert 'class="qr"' not in html and "欢迎到图书室借阅" in html


def test_newsletter_that_picks_nothing_shows_this_month_on_one_a3_landscape_sheet(sample):
    board = sample.config.output_dir / "print/blackboard/2026-11.pdf"
    assert pages(board) == 1 and paper(board) == A3_LANDSCAPE
    words = squeezed(board)
    assert "第五届读书节特刊" in words and "第3期" in words and "2026年11月26日" in words  # the masthead
    assert "《小鲤鱼跳龙门》" in words and "《小王子》" in words  # shelved in November
    assert "《西游记》" not in words  # shelved in September
    assert "读书节开幕式" in words  # this month's activity
    assert "邹明远" in words  # a November award winner
    assert "王一诺" in words  # on the roster


def test_newsletter_that_picks_shows_what_it_picks(sample):
    board = sample.config.output_dir / "print/blackboard/2026-10.pdf"
    assert pages(board) == 1 and paper(board) == A3_LANDSCAPE
    words = squeezed(board)
    assert "秋天的书香" in words and "第2期" in words
    for title in ("昆虫记", "神笔马良", "夏洛的网", "稻草人"):  # picked, though not all shelved in October
        assert f"《{title}》" in words
    assert "《小王子》" not in words  # a November book
    assert "“阳光阅读班级”" in words and "邹明远" not in words  # the picked award only
    assert "学生图书管理员会议" in words  # October's activities


def test_every_newsletter_issue_is_listed(sample):
    html = read(sample, "print/index.html")
    assert html.index("第 3 期") < html.index("第 2 期")  # newest first
    assert 'href="../print/blackboard/2026-10.pdf"' in html and "秋天的书香" in html


def test_without_newsletter_files_one_issue_for_this_month(mini):
    boards = sorted((mini.config.output_dir / "print/blackboard").glob("*.pdf"))
    month = mini.config.today.strftime("%Y-%m")
    assert [b.name for b in boards] == [f"{month}.pdf"]
    assert f"{mini.config.today.year}年{mini.config.today.month}月简报" in squeezed(boards[0])


def test_a_newsletter_naming_a_book_or_award_that_is_not_there_is_an_error(project):
    folder = project / "content/newsletters"
    folder.mkdir()
    (folder / "no1.yaml").write_text("number: 1\ndate: 2026-03-02\nbooks: [xiyouji, hongloumeng]\nawards: [nope]\n", encoding="utf-8")
    (folder / "no1-again.yaml").write_text("number: 1\ndate: 2026-04-01\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "generator", "build", "--no-pdf"], cwd=project,
                          capture_output=True, text=True, encoding="utf-8")
    assert done.returncode != 0
    assert "hongloumeng" in done.stderr and "nope" in done.stderr and "content/newsletters/no1.yaml" in done.stderr
    assert "第 1 期已经有了" in done.stderr


def test_certificates_one_landscape_page_per_winner(sample):
    award = next(a for a in sample.site.awards if a.slug == "dushujie-zhengwen")
    sheet = sample.config.output_dir / "print/certificates/dushujie-zhengwen.pdf"
    assert pages(sheet) == len(award.winners) and paper(sheet) == A4_LANDSCAPE
    for number, winner in enumerate(award.winners, start=1):
        words = squeezed(sheet, number)
        assert "奖状" in words and f"{winner.name}同学" in words and winner.level in words
        assert "二〇二六年十一月二十五日" in words  # the date as a certificate writes it


def test_class_award_certificates_name_the_class(sample):
    sheet = sample.config.output_dir / "print/certificates/yangguang-yuedu-banji.pdf"
    award = next(a for a in sample.site.awards if a.slug == "yangguang-yuedu-banji")
    assert award.kind == "classes"
    assert award.winners[0].class_name in squeezed(sheet, 1) and "同学" not in squeezed(sheet, 1)


def test_future_award_gets_no_certificates_until_its_day(sample):
    assert not (sample.config.output_dir / "print/certificates/youxiu-xuesheng-guanliyuan.pdf").exists()


def test_roster_and_rotation_handouts(sample):
    out = sample.config.output_dir
    assert pages(out / "print/roster.pdf") == 1 and paper(out / "print/roster.pdf") == A4
    assert "一年级(1)班" in squeezed(out / "print/roster.pdf") and "王一诺" in squeezed(out / "print/roster.pdf")
    rotation = out / "print/rotation.pdf"
    assert pages(rotation) == 1 and paper(rotation) == A4_LANDSCAPE
    assert "借阅轮流表" in squeezed(rotation) and "周一" in squeezed(rotation) and "12:00–12:50" in squeezed(rotation)


def test_print_index_lists_every_printable(sample):
    html = read(sample, "print/index.html")
    for sheet in sorted((sample.config.output_dir / "print").rglob("*.pdf")):
        link = sheet.relative_to(sample.config.output_dir).as_posix()
        assert f'href="../{link}"' in html, link  # links go up to the site's root and down again
    assert "黑板报" in html and "2026年11月" in html


def test_no_pdf_keeps_the_html_sheets(project):
    done = subprocess.run([sys.executable, "-m", "generator", "build", "--no-pdf"], cwd=project,
                          capture_output=True, text=True, encoding="utf-8")
    assert done.returncode == 0, done.stderr
    out = project / "output/print"
    assert (out / "posters/xiyouji.html").is_file() and not list(out.rglob("*.pdf"))
    assert "浏览器打印" in (out / "index.html").read_text(encoding="utf-8")


def test_unchanged_printables_come_from_the_cache_and_a_change_remakes_only_its_pdf(project):
    first = build_project(project, project / "output")
    out = first.config.output_dir
    roster_before = (out / "print/roster.pdf").read_bytes()
    cached = set((project / ".bulletin-cache/pdf").iterdir())
    build_project(project, project / "output")
    assert set((project / ".bulletin-cache/pdf").iterdir()) == cached  # nothing made again
    book = project / "content/books/xiyouji.md"
    book.write_text(book.read_text(encoding="utf-8").replace("title: 西游记", "title: 西游记（青少年版）"), encoding="utf-8")
    build_project(project, project / "output")
    assert "西游记（青少年版）" in squeezed(out / "print/posters/xiyouji.pdf")
    assert (out / "print/roster.pdf").read_bytes() == roster_before


def test_pdfs_made_side_by_side_in_workers_are_those_made_one_by_one(project, monkeypatch):
    from generator import parallel
    spread = build_project(project, project / "spread")
    shutil.rmtree(project / ".bulletin-cache")
    monkeypatch.setattr(parallel, "worker_count", lambda: 1)
    single = build_project(project, project / "single")
    made = sorted(p.relative_to(project / "spread") for p in (project / "spread").rglob("*.pdf"))
    assert len(made) >= 3 and made == sorted(p.relative_to(project / "single") for p in (project / "single").rglob("*.pdf"))
    for path in made:
        assert pages(project / "spread" / path) == pages(project / "single" / path)
        assert squeezed(project / "spread" / path) == squeezed(project / "single" / path)
    assert sorted(map(str, spread.problems)) == sorted(map(str, single.problems))


def test_a_big_sites_pdfs_are_made_once_its_pages_are_rendered(project, monkeypatch):
    # The other outputs are made while workers render a big site's pages; the PDFs wait until
    # those workers are gone, so that they can have the cores themselves.
    from generator import parallel
    from generator.outputs import printables
    monkeypatch.setattr(parallel, "MIN_ITEMS", 5)  # the mini site's 40 pages count as a big site's
    free = []
    real = printables.make_pdfs

    def watched(sheets, files, context):
        free.append(parallel._job is None)  # no workers at work
        return real(sheets, files, context)
    monkeypatch.setattr(printables, "make_pdfs", watched)
    result = build_project(project, project / "output")
    assert free == [True]
    out = result.config.output_dir
    assert pages(out / "print/posters/xiyouji.pdf") == 1 and "西游记" in squeezed(out / "print/posters/xiyouji.pdf")
    assert 'href="../print/posters/xiyouji.pdf"' in read(result, "print/index.html")


def test_printables_never_reach_the_network():
    html = b'<html><body><p>x</p><img src="http://example.com/logo.png"><img src="../missing.png"></body></html>'
    made, notes, _, _ = pdf.html_to_pdf(html, "print/test.html", {}, None)
    assert made.startswith(b"%PDF")
    assert any("example.com" in n for n in notes) and any("missing.png" in n for n in notes)


def test_without_a_chinese_font_no_pdf_is_made_and_the_build_says_so(project, tmp_path):
    tool("fc-list")
    assert not pdf.chinese_font_missing()  # fonts-noto-cjk is installed
    empty = tmp_path / "fonts.conf"
    empty.write_text('<?xml version="1.0"?><fontconfig><dir>%s</dir></fontconfig>' % tmp_path, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "generator", "build"], cwd=project, capture_output=True, text=True,
                          encoding="utf-8", env={**os.environ, "FONTCONFIG_FILE": str(empty)})
    assert done.returncode == 0, done.stderr
    assert "没有中文字体" in done.stderr
    out = project / "output/print"
    assert (out / "posters/xiyouji.html").is_file() and not list(out.rglob("*.pdf"))


def test_an_introduction_too_long_for_the_poster_is_shortened_with_an_ellipsis_and_a_warning(project):
    book = project / "content/books/xiyouji.md"
    front = book.read_text(encoding="utf-8").split("---\n")[1]
    front = front.replace("title: 西游记", "title: 西游记之大闹天宫与三打白骨精全本注音美绘版本")
    intro = "唐僧师徒四人西天取经，一路上降妖除魔，历经九九八十一难。" * 20 + "\n\n最后一段不会印出来。\n"
    book.write_text(f"---\n{front}---\n{intro}", encoding="utf-8")
    result = build_project(project, project / "output")
    poster = result.config.output_dir / "print/posters/xiyouji.pdf"
    assert pages(poster) == 1
    words = squeezed(poster)
    assert words.count("唐僧师徒") >= 5 and "……" in words and "最后一段" not in words
    assert "扫码" in words  # the footer is still on the sheet
    warned = {p.code: p for p in result.problems if p.file == "content/books/xiyouji.md"}
    assert {"poster_intro_shortened", "print_shortened"} <= set(warned) and "print_overflow" not in warned
    assert warned["poster_intro_shortened"].params["total"] > warned["poster_intro_shortened"].params["shown"]


def test_a_newsletter_picking_more_than_its_sheet_holds_says_how_many_are_left_off(project):
    folder = project / "content/newsletters"
    folder.mkdir()
    (folder / "big.yaml").write_text("number: 1\ndate: 2026-03-02\nbooks: [xiyouji, caofangzi, jiaoshi, xiyouji,"
                                     " caofangzi, jiaoshi, xiyouji]\n", encoding="utf-8")
    result = build_project(project, project / "output", options=BuildOptions(pdf=False))
    assert not [p for p in result.problems if p.code == "print_too_many"]  # the same book twice is once
    (folder / "big.yaml").write_text("number: 1\ndate: 2026-03-02\n", encoding="utf-8")
    many = "\n".join(f"  - {{title: 活动{n}, date: 2026-03-{n + 2:02d}}}" for n in range(12))
    calendar = project / "content/calendar/2026-spring.yaml"
    text = calendar.read_text(encoding="utf-8")
    calendar.write_text(text.replace("activities:\n", "activities:\n" + many + "\n", 1), encoding="utf-8")
    result = build_project(project, project / "output", options=BuildOptions(pdf=False))
    too_many = [p for p in result.problems if p.code == "print_too_many"]
    assert [(p.file, p.params["field"]) for p in too_many] == [("content/newsletters/big.yaml", "activities")]
    html = read(result, "print/blackboard/big.html")
    assert f"还有 {too_many[0].params['total'] - too_many[0].params['shown']} 项" in html


def covered_books(project, count: int) -> list[str]:
    """`count` more books with a cover (copies of 西游记 under other titles), shelved 2026-03-02."""
    source = (project / "content/books/xiyouji.md").read_text(encoding="utf-8")
    slugs = []
    for n in range(count):
        text = source.replace("title: 西游记", f"title: 新书{n}").replace("featured: true", "featured: false")
        text = re.sub(r"isbn: .*\n", "", text)
        (project / f"content/books/xinshu-{n}.md").write_text(text, encoding="utf-8")
        slugs.append(f"xinshu-{n}")
    return slugs


def test_a_board_full_of_books_with_covers_stays_on_its_one_sheet(project, monkeypatch):
    slugs = covered_books(project, 6)
    (project / "content/newsletters").mkdir()
    (project / "content/newsletters/big.yaml").write_text(
        f"number: 1\ndate: 2026-03-02\nbooks: [{', '.join(slugs)}]\n", encoding="utf-8")
    result = build_project(project, project / "output")
    board = result.config.output_dir / "print/blackboard/big.pdf"
    assert pages(board) == 1
    words = squeezed(board)
    assert all(f"《新书{n}》" in words for n in range(5)) and "新书5" not in words and "还有1项" in words
    warned = [(p.code, p.file) for p in result.problems]
    assert ("print_too_many", "content/newsletters/big.yaml") in warned and "print_overflow" not in dict(warned)
    # A board the fit thinks holds its whole content at the largest size (as a theme with larger
    # type would) spills onto a second sheet, and the warning names the issue's file, not the
    # first file it shows.
    from generator.outputs.printables import board_fit
    monkeypatch.setattr(board_fit, "_capacity", lambda size, waste=0: 1000.0)
    monkeypatch.setitem(board_fit.FITS["blackboard"], "sizes", (48,))
    result = build_project(project, project / "output")
    assert pages(board) > 1
    assert [p.file for p in result.problems if p.code == "print_overflow"] == ["content/newsletters/big.yaml"]
    # The spilled sheet is kept in the cache with its page count: the next build warns again
    # without making the PDF again.
    cache = set((project / ".bulletin-cache/pdf").iterdir())
    assert board.read_bytes() in {f.read_bytes() for f in cache if f.suffix == ".pdf"}
    (project / "content/books/xinshu-0.md").touch()
    result = build_project(project, project / "output")
    assert [p.file for p in result.problems if p.code == "print_overflow"] == ["content/newsletters/big.yaml"]
    assert set((project / ".bulletin-cache/pdf").iterdir()) == cache


def test_a_month_without_new_books_shows_the_newest_few_without_a_warning(project):
    covered_books(project, 6)  # nine books, none shelved in May
    result = build_project(project, project / "output", today=dt.date(2026, 5, 10), options=BuildOptions(pdf=False))
    html = read(result, "print/blackboard/2026-05.html")
    assert html.count('class="board-book"') == 5
    assert not [p for p in result.problems if p.code == "print_too_many"]


def test_pdfs_made_without_the_harfbuzz_subsetter_are_warned_about_once(project, monkeypatch):
    assert pdf.fast_subsetter()  # scripts/system-packages.sh installs libharfbuzz-subset0
    monkeypatch.setattr(pdf, "fast_subsetter", lambda: False)  # as WeasyPrint would find things without it
    result = build_project(project, project / "output")
    slow = [p for p in result.problems if p.code == "pdf_slow"]
    assert len(slow) == 1 and slow[0].file == "config.yaml" and not slow[0].is_error


def test_pdfs_from_the_cache_need_no_weasyprint_and_without_it_the_rest_is_still_built(project, monkeypatch):
    first = build_project(project, project / "output")
    made = sorted(p.relative_to(first.config.output_dir) for p in first.config.output_dir.rglob("*.pdf"))
    assert made

    def cannot_load():
        raise pdf.Unavailable("libpango-1.0-0: cannot open shared object file")
    monkeypatch.setattr(pdf, "load", cannot_load)  # as on a computer without Pango
    (project / "content/books/xiyouji.md").touch()
    again = build_project(project, project / "output")  # every PDF is in the cache: nothing to load
    assert sorted(p.relative_to(again.config.output_dir) for p in again.config.output_dir.rglob("*.pdf")) == made
    assert not [p for p in again.problems if p.code == "pdf_unavailable"]
    book = project / "content/books/xiyouji.md"
    book.write_text(book.read_text(encoding="utf-8").replace("title: 西游记", "title: 西游记（注音版）"), encoding="utf-8")
    changed = build_project(project, project / "output")  # the poster must be made again: it cannot be
    warned = [p for p in changed.problems if p.code == "pdf_unavailable"]
    assert len(warned) == 1 and warned[0].file == "config.yaml" and not warned[0].is_error
    assert (changed.config.output_dir / "print/posters/xiyouji.html").is_file()
    assert "西游记（注音版）" in read(changed, "print/posters/xiyouji.html")


def test_without_chinese_fonts_no_pdf_is_made_and_the_librarian_is_told(project, monkeypatch):
    monkeypatch.setattr(pdf, "chinese_font_missing", lambda: True)
    result = build_project(project, project / "output")
    assert [p.code for p in result.problems if p.code == "pdf_no_chinese_font"] == ["pdf_no_chinese_font"]
    assert not list(result.config.output_dir.rglob("*.pdf"))
    assert (result.config.output_dir / "print/posters/xiyouji.html").is_file()


def test_the_subsetter_test_is_weasyprints_own(monkeypatch):
    from weasyprint.pdf import fonts
    monkeypatch.setattr(fonts, "harfbuzz_subset", None)
    assert not pdf.fast_subsetter()


RARE = "\U00030000"  # CJK Extension G: in Unicode since 2020, in none of the Noto CJK fonts


def test_a_character_no_print_font_has_is_an_error_naming_it_and_its_file(project):
    from fontTools.ttLib import TTFont
    from generator.outputs import glyphs
    faces = glyphs.font_faces(("Noto Sans CJK SC", "Noto Serif CJK SC"))
    assert faces and all(0x30000 not in (TTFont(f, fontNumber=i, lazy=True).getBestCmap() or {}) for f, i in faces)
    book = project / "content/books/xiyouji.md"
    book.write_text(book.read_text(encoding="utf-8").replace("取经的故事", f"取经的故事{RARE}"), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "generator", "build"], cwd=project,
                          capture_output=True, text=True, encoding="utf-8")
    assert done.returncode == 1
    assert f"content/books/xiyouji.md: 错误: 字符“{RARE}”（U+30000）" in done.stderr
    assert not (project / "output").exists()  # a failed build leaves no output


def test_without_fontconfig_the_glyph_check_is_skipped_with_a_note(project):
    done = subprocess.run([sys.executable, "-m", "generator", "build", "--no-pdf"], cwd=project, capture_output=True,
                          text=True, encoding="utf-8", env={**os.environ, "PATH": str(project / "no-tools")})
    assert done.returncode == 0, done.stderr
    assert "没有检查打印材料里的字" in done.stderr
