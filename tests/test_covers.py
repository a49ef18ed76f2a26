"""Covers as readers see them: a phone photo upright in the sizes each page names, every file name
the site accepts on the poster and the newsletter too, and sizes made once per picture."""
from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from PIL import Image

from conftest import MINI, build_project, phone_photo, read
from generator import imageproc

BOOK = "---\ntitle: {title}\nauthor: 鲁迅\ncover: \"{cover}\"\nshelved: 2026-03-01\nfeatured: {featured}\n---\n{title}的介绍。\n"
PICTURE = re.compile(r"<picture>(.*?)</picture>", re.S)


def pdf_images(path: Path) -> list[tuple[int, int, int]]:
    """(width, height, x-ppi) of each image the PDF embeds, as poppler's pdfimages lists them."""
    tool = shutil.which("pdfimages")
    assert tool, "pdfimages is missing: scripts/system-packages.sh test installs it"
    lines = subprocess.run([tool, "-list", str(path)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    return [(int(f[3]), int(f[4]), int(f[12])) for f in (line.split() for line in lines)]


def srcsets(html: str) -> list[tuple[str, list[tuple[str, int]]]]:
    """(type, [(url, width)]) of every srcset in the page's <picture> elements; type is '' for the <img>."""
    found = []
    for picture in PICTURE.findall(html):
        for tag in re.findall(r"<(?:source|img)\b[^>]*>", picture):
            kind = re.search(r'type="([^"]+)"', tag)
            candidates = re.search(r'srcset="([^"]+)"', tag).group(1)
            found.append((kind.group(1) if kind else "", [(url, int(w[:-1])) for url, w in
                                                         (c.strip().split(" ") for c in candidates.split(","))]))
    return found


def file_of(output: Path, page: str, url: str) -> Path:
    from urllib.parse import unquote
    return (output / page).parent.joinpath(unquote(url)).resolve()


@pytest.fixture
def phone_site(project: Path, tmp_path: Path):
    """The mini site with 《朝花夕拾》, its cover a phone photo (4000×3000, turned by EXIF) named in Chinese."""
    (project / "content/images").mkdir()
    (project / "content/images/朝花夕拾.jpg").write_bytes(phone_photo())
    (project / "content/books/zhaohua.md").write_text(BOOK.format(title="朝花夕拾", cover="朝花夕拾.jpg", featured="true"),
                                                      encoding="utf-8")
    (project / "content/newsletters").mkdir()
    (project / "content/newsletters/2026-03.yaml").write_text(
        "number: 1\ndate: 2026-03-05\ntitle: 三月\nbooks: [zhaohua, xiyouji]\n", encoding="utf-8")
    return project


def test_a_phone_photo_is_published_upright_in_the_sizes_each_page_names(phone_site, tmp_path):
    photo = phone_site / "content/images/朝花夕拾.jpg"
    assert photo.stat().st_size > 3_000_000
    result = build_project(phone_site, tmp_path / "out")
    output = result.config.output_dir
    assert not [p for p in result.problems if p.is_error]
    for page in ("books/zhaohua/index.html", "books/index.html"):
        sets = srcsets(read(result, page))
        assert sets, page
        for kind, candidates in sets:
            for url, width in candidates:
                with Image.open(file_of(output, page, url)) as image:
                    assert image.width == width and image.height > image.width  # upright: a portrait cover
                    assert image.format == ("WEBP" if kind == "image/webp" else "JPEG")
                    assert not image.getexif()  # nothing of where and when it was taken
                    top, bottom = image.convert("RGB").getpixel((width // 2, 2)), image.convert("RGB").getpixel((width // 2, image.height - 3))
                    assert top[0] > 120 > top[2] and bottom[2] > 100 > bottom[0]  # red on top, as photographed
        widths = [w for _, w in sets[-1][1]]
        assert widths == sorted(widths) and widths[-1] >= 720  # 1x and 2x of the 360 px the book page shows
    # WebP is offered where it is smaller than the JPEGs, and only then.
    kinds = {kind: sum(file_of(output, "books/zhaohua/index.html", u).stat().st_size for u, _ in c)
             for kind, c in srcsets(read(result, "books/zhaohua/index.html"))}
    cover = next(b for b in result.site.books if b.slug == "zhaohua").cover_image
    webps = [output / f"{cover.base}-{w}.webp" for w in cover.widths]
    if "image/webp" in kinds:
        assert kinds["image/webp"] < kinds[""]
    else:
        assert not any(p.exists() for p in webps)
    # The 5 MB original is not published: nothing in images/ is bigger than a print-size JPEG.
    assert max(p.stat().st_size for p in (output / "images").iterdir()) < 1_500_000
    # Width and height stay on the <img> (its place is kept while it loads), and the alt text.
    assert re.search(r'<img class="cover" [^>]*alt="《朝花夕拾》封面"[^>]*width="360" height="480">',
                     read(result, "books/zhaohua/index.html"))


def test_the_poster_and_the_newsletter_print_the_photo_at_print_size(phone_site, tmp_path):
    result = build_project(phone_site, tmp_path / "out")
    output = result.config.output_dir
    assert not [p for p in result.problems if p.code.startswith("pdf")], result.problems
    (width, height, ppi), = pdf_images(output / "print/posters/zhaohua.pdf")
    # 300 dpi on the poster's cover (up to 104 × 139 mm), upright; not the 4000×3000 original.
    assert 969 <= width < 3000 and 1287 <= height < 4000 and ppi >= 290
    board = pdf_images(output / "print/blackboard/2026-03.pdf")
    assert any(h > w >= 300 for w, h, _ in board)  # 26 mm wide at 300 dpi, and upright


NAMES = ["朝花夕拾.png", "a b.png", "50%.png", "a#b.png", "it's {new}.png", "a+b&c=d;e@f.png", "[1]~^`.png",
         "😀.png", unicodedata.normalize("NFD", "café.png"), "全角（一）.png", "a%E6b.png", "UPPER.PNG", "d.v1.2.jpg",
         "a#b.svg", "朝花 夕拾.svg"]


def test_every_cover_name_the_site_accepts_shows_on_the_page_the_poster_and_the_newsletter(project, tmp_path):
    svg = (MINI / "content/books/xiyouji.svg").read_bytes()
    (project / "content/images").mkdir()
    for n, name in enumerate(NAMES):
        if name.endswith(".svg"):
            (project / "content/images" / name).write_bytes(svg)
        else:
            Image.new("RGB", (300, 400), (200, 10 * n, 30)).save(project / "content/images" / name,
                                                                 "JPEG" if name.endswith("jpg") else "PNG")
        (project / f"content/books/b{n}.md").write_text(BOOK.format(title=f"书{n}", cover=name, featured="true"), encoding="utf-8")
    (project / "content/newsletters").mkdir()
    (project / "content/newsletters/2026-03.yaml").write_text("number: 1\ndate: 2026-03-05\nbooks: [b0, b3]\n", encoding="utf-8")
    result = build_project(project, tmp_path / "out")
    output = result.config.output_dir
    assert not [p for p in result.problems if p.is_error or p.code.startswith("pdf")], result.problems
    for n, name in enumerate(NAMES):
        page = f"books/b{n}/index.html"
        html = read(result, page)
        urls = [u for _, c in srcsets(html) for u, _ in c] + re.findall(r'<img class="cover" src="([^"]+)"', html)
        assert urls and all(file_of(output, page, u).is_file() for u in urls), (name, urls)
        assert len(pdf_images(output / f"print/posters/b{n}.pdf")) == 1 or name.endswith(".svg"), name
        sheet = read(result, f"print/posters/b{n}.html")
        src = re.search(r'class="poster-cover" src="([^"]+)"', sheet) or re.search(r'<img[^>]* src="([^"]+)"', sheet)
        assert file_of(output, f"print/posters/b{n}.html", src.group(1)).is_file(), name
    assert len(pdf_images(output / "print/blackboard/2026-03.pdf")) == 2  # 朝花夕拾.png and a#b.png


def test_sizes_are_made_once_per_picture_and_the_cache_keeps_only_what_is_used(phone_site, tmp_path, monkeypatch):
    made = []
    make = imageproc._make
    monkeypatch.setattr(imageproc, "_make", lambda *args: made.append(args[2]) or make(*args))
    out = tmp_path / "out"
    first = build_project(phone_site, out)
    assert len(made) == 1  # the photo; the mini site's other cover is an SVG, published as it is
    # A build that starts over (no memo) takes the sizes from .bulletin-cache/images/.
    build_project(phone_site, out)
    (phone_site / "content/books/zhaohua.md").write_text(BOOK.format(title="朝花夕拾", cover="朝花夕拾.jpg", featured="false"),
                                                         encoding="utf-8")
    build_project(phone_site, out)
    assert len(made) == 1
    cache = phone_site / ".bulletin-cache/images"

    def kept() -> set[str]:  # the pictures whose sizes the cache keeps (entries <key>-<size>.<format>)
        return {p.name.split("-")[0] for p in cache.iterdir()}
    assert kept() == {made[0]}
    # Another photo under the same name: its sizes are made, the pages name them, the old ones go.
    (phone_site / "content/images/朝花夕拾.jpg").write_bytes(phone_photo(3000, 4000, orientation=1))
    after = build_project(phone_site, out)
    assert len(made) == 2 and kept() == {made[1]}
    old_base = next(b for b in first.site.books if b.slug == "zhaohua").cover_image.base
    new_base = next(b for b in after.site.books if b.slug == "zhaohua").cover_image.base
    assert old_base != new_base
    for page in ("books/zhaohua/index.html", "books/index.html", "index.html"):
        assert new_base.removeprefix("images/") in read(after, page) and old_base.removeprefix("images/") not in read(after, page)
    assert not list((out / "images").glob(f"{Path(old_base).name}*"))


def test_a_rebuild_from_the_command_line_carries_the_sizes_over(phone_site, tmp_path, monkeypatch):
    from generator.build import Builder
    from generator.config import load_config
    from generator.problems import Problems
    config, _ = load_config(phone_site / "config.yaml", tmp_path / "out")
    Builder(config, persist=True).build(Problems())
    images = sorted(p for p in (tmp_path / "out/images").iterdir() if p.is_file())
    stamps = {p: p.stat().st_mtime_ns for p in images}
    (phone_site / "content/books/caofangzi.md").write_text(
        (phone_site / "content/books/caofangzi.md").read_text(encoding="utf-8") + "\n又一段。\n", encoding="utf-8")
    made = []
    monkeypatch.setattr(imageproc, "_make", lambda *args: made.append(args) or {})
    Builder(config, persist=True).build(Problems())
    assert not made and {p: p.stat().st_mtime_ns for p in images} == stamps


def test_a_see_through_png_stays_png_and_a_small_picture_is_not_enlarged(project, tmp_path):
    (project / "content/images").mkdir()
    image = Image.new("RGBA", (200, 300), (0, 0, 0, 0))
    image.paste((30, 120, 60, 255), (20, 20, 180, 280))
    image.save(project / "content/images/cut.png")
    (project / "content/books/cut.md").write_text(BOOK.format(title="剪纸", cover="cut.png", featured="true"), encoding="utf-8")
    result = build_project(project, tmp_path / "out")
    for kind, candidates in srcsets(read(result, "books/cut/index.html")):
        assert max(w for _, w in candidates) == 200
        for url, width in candidates:
            with Image.open(file_of(result.config.output_dir, "books/cut/index.html", url)) as made:
                assert made.format == ("WEBP" if kind else "PNG") and made.mode in ("RGBA", "P") and made.width == width


def test_the_search_index_and_the_feed_show_a_small_size(phone_site, tmp_path):
    result = build_project(phone_site, tmp_path / "out")
    cover = next(b for b in result.site.books if b.slug == "zhaohua").cover_image
    assert f"{cover.base.removeprefix('images/')}-120.jpg" in read(result, "search/search-index.js")
    assert f"{cover.base}-240.jpg" in read(result, "feeds/books.xml")


def test_the_preview_remakes_a_book_page_when_its_photo_is_replaced(phone_site, tmp_path):
    from generator.build import Builder
    from generator.config import load_config
    from generator.problems import Problems
    config, _ = load_config(phone_site / "config.yaml", tmp_path / "out")
    builder = Builder(config, persist=False)
    builder.build(Problems())
    before = (tmp_path / "out/books/zhaohua/index.html").read_text(encoding="utf-8")
    photo = phone_site / "content/images/朝花夕拾.jpg"
    photo.write_bytes(phone_photo(2000, 1500))
    result = builder.build(Problems(), in_place=True, changed=[photo])
    assert "books/zhaohua/index.html" in result.rendered
    after = (tmp_path / "out/books/zhaohua/index.html").read_text(encoding="utf-8")
    assert before != after
    for _, candidates in srcsets(after):
        assert all(file_of(tmp_path / "out", "books/zhaohua/index.html", u).is_file() for u, _ in candidates)


def test_the_sizes_are_written_whole_or_not_at_all(tmp_path, monkeypatch):
    source = tmp_path / "p.jpg"
    source.write_bytes(phone_photo(800, 600))
    cache = tmp_path / "cache"
    cache.mkdir()

    def fails(self, data):
        raise OSError("disk full")
    monkeypatch.setattr(Path, "write_bytes", fails)
    with pytest.raises(OSError):
        imageproc.raster_cover(source, cache)
    assert list(cache.iterdir()) == []
    monkeypatch.undo()
    cover = imageproc.raster_cover(source, cache)
    assert {p.name for p in cache.iterdir()} >= {f"{cover.key}-cover.json", f"{cover.key}-print.jpg"}
    assert not list(cache.glob("*.part"))


def test_no_cache_makes_the_sizes_again(phone_site, tmp_path, monkeypatch):
    from generator.outputs import BuildOptions
    made = []
    make = imageproc._make
    monkeypatch.setattr(imageproc, "_make", lambda *args: made.append(args[2]) or make(*args))
    build_project(phone_site, tmp_path / "out", options=BuildOptions(pdf=False))
    build_project(phone_site, tmp_path / "out", options=BuildOptions(pdf=False, reuse=False))  # bulletin build --no-cache
    assert len(made) == 2 and made[0] == made[1]
