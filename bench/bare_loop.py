"""The floor a Python build of book pages can reach: the bare loop the issue measures against.

    python bench/bare_loop.py SITE OUT              # one process
    python bench/bare_loop.py SITE OUT --procs 2    # the books split in two halves, one process each

For each `SITE/content/books/*.md`: read it, parse the front matter with `yaml.CSafeLoader`,
convert the body with one reused `markdown.Markdown` (`reset()` between books), render one
compiled Jinja template and write `OUT/books/<slug>/index.html`. Nothing else: no validation,
no index pages, no links between pages. Prints pages written and seconds; `bench/compare.py`
times it from outside, start-up included.
"""
from __future__ import annotations

import argparse
import multiprocessing
import time
from pathlib import Path

import jinja2
import markdown
import yaml

# About the size of the project's book page without its navigation: the facts list and the body.
TEMPLATE = """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{{ b.title }} · {{ site }}</title>
<link rel="stylesheet" href="../../style.css"></head>
<body><header><a href="../../">{{ site }}</a> · <a href="../">新书介绍</a></header>
<main><article class="book">
<h1>《{{ b.title }}》</h1><p class="book-author">{{ b.author }}</p>
<dl class="facts">
{% if b.publisher %}<dt>出版社</dt><dd>{{ b.publisher }}{% if b.year %}，{{ b.year }}{% endif %}</dd>{% endif %}
{% if b.isbn %}<dt>ISBN</dt><dd>{{ b.isbn }}</dd>{% endif %}
{% if b.call_number %}<dt>索书号</dt><dd>{{ b.call_number }}</dd>{% endif %}
{% if b.grade_bands %}<dt>适读年级</dt><dd>{% for g in b.grade_bands %}<span class="chip">{{ g }}</span>{% endfor %}</dd>{% endif %}
{% if b.tags %}<dt>标签</dt><dd>{% for t in b.tags %}<span class="chip">{{ t }}</span>{% endfor %}</dd>{% endif %}
{% if b.recommended_by %}<dt>推荐人</dt><dd>{{ b.recommended_by }}</dd>{% endif %}
<dt>上架日期</dt><dd>{{ b.shelved }}</dd>
</dl>
<div class="prose">{{ body|safe }}</div>
</article></main></body></html>
"""


# The project's Markdown set-up (generator/markup.py), for --like-project: what its extensions cost.
PROJECT_EXTENSIONS = ["tables", "attr_list", "toc", "footnotes", "fenced_code", "sane_lists", "def_list"]


def build(files: list[Path], out: Path, like_project: bool = False) -> int:
    """Render each book file to OUT/books/<stem>/index.html; return the number of pages written."""
    template = jinja2.Environment(autoescape=True).from_string(TEMPLATE)
    md = markdown.Markdown(extensions=PROJECT_EXTENSIONS) if like_project else markdown.Markdown()
    if like_project:
        from nh3 import clean  # only here, so that the baseline imports exactly what the issue lists
    for path in files:
        text = path.read_text(encoding="utf-8")
        _, front, body = text.split("---\n", 2)
        meta = yaml.load(front, Loader=yaml.CSafeLoader)
        body_html = md.reset().convert(body)
        if like_project:
            body_html = clean(body_html)
        html = template.render(b=meta, body=body_html, site="基准测试小学图书室")
        target = out / "books" / path.stem
        target.mkdir(parents=True, exist_ok=True)
        (target / "index.html").write_text(html, encoding="utf-8")
    return len(files)


def _build_part(job: tuple[list[Path], Path, bool]) -> int:
    return build(*job)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site", type=Path, help="a project folder made by bench/generate.py")
    parser.add_argument("out", type=Path)
    parser.add_argument("--procs", type=int, default=1, help="processes; the files are split in equal parts")
    parser.add_argument("--like-project", action="store_true",
                        help="the project's seven Markdown extensions and nh3 cleaning (not the issue's baseline)")
    args = parser.parse_args()
    started = time.perf_counter()
    files = sorted((args.site / "content" / "books").glob("*.md"))
    if args.procs <= 1:
        pages = build(files, args.out, args.like_project)
    else:
        parts = [(files[k::args.procs], args.out, args.like_project) for k in range(args.procs)]
        with multiprocessing.Pool(args.procs) as pool:
            pages = sum(pool.map(_build_part, parts))
    print(f"{pages} pages in {time.perf_counter() - started:.2f} s")


if __name__ == "__main__":
    main()
