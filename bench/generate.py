"""Generate a deterministic bulletin project of N books, for benchmarks.

    python bench/generate.py 5000 /tmp/site5000
    python bench/generate.py 300 /tmp/site300 --phone-covers   # each cover a 4000×3000 phone photo

Books get ~600-character Chinese introductions (a heading, a list, bold text, a link); the
calendar, awards, roster and statistics grow in proportion. The same N gives the same files.
"""
from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_COVERS = sorted((ROOT / "content" / "images").glob("*.png"))

CHARS = ("的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经"
         "十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理世车")
TITLES = "春夏秋冬山河星月风雨花草林海鸟鱼云石光影梦歌诗画书灯桥路门窗田园"
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "明华国建文军平志伟东海强晓生光林小德红春英玉秀芳兰丽静敏燕霞娟慧婷雪梅琳洁宇浩然欣怡子涵梓萱一诺佳琪思远博文俊杰"
CLC = ["I247.5", "I287.45", "I242.4", "Q96", "K209", "G42", "J292", "N49", "TP3", "H194.1", "P1", "I313.45", "Z228.1"]
BANDS = ["低年级", "中年级", "高年级"]
GRADES = ["一年级", "二年级", "三年级", "四年级", "五年级", "六年级"]


def isbn13(rng: random.Random) -> str:
    digits = [9, 7, 8, 7] + [rng.randrange(10) for _ in range(8)]
    check = (10 - sum(d * (1 if i % 2 == 0 else 3) for i, d in enumerate(digits)) % 10) % 10
    return "".join(map(str, digits + [check]))


def phrase(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(CHARS) for _ in range(n))


def name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def introduction(rng: random.Random) -> str:
    paragraphs = [f"{phrase(rng, 60)}，**{phrase(rng, 6)}**{phrase(rng, 80)}。", f"{phrase(rng, 90)}，{phrase(rng, 70)}。"]
    items = "\n".join(f"- {phrase(rng, 18)}" for _ in range(4))
    link = f"更多介绍见[{phrase(rng, 4)}](https://example.org/{rng.randrange(10**6)})。"
    return f"{paragraphs[0]}\n\n## {phrase(rng, 5)}\n\n{paragraphs[1]}\n\n{items}\n\n{phrase(rng, 120)}。{link}\n"


def classes() -> list[str]:
    return [f"{g}({n})班" for g in GRADES for n in (1, 2, 3)]


def generate(n: int, target: Path, seed: int = 2026) -> None:
    rng = random.Random(seed)
    if target.exists():
        shutil.rmtree(target)
    content = target / "content"
    for folder in ("books", "images", "lists", "calendar", "awards", "rosters", "stats", "pages", "news"):
        (content / folder).mkdir(parents=True)
    (target / "config.yaml").write_text(
        "site:\n  title: 基准测试小学图书室\n  school: 基准测试小学\n  base_url: \"http://intranet.example/library/\"\n"
        "build_date: 2026-11-26\n", encoding="utf-8")
    covers = []
    for cover in SAMPLE_COVERS:
        shutil.copy(cover, content / "images" / cover.name)
        covers.append(cover.name)
    start = dt.date(2020, 9, 1)
    slugs = []
    for i in range(n):
        slug = f"book-{i:05d}"
        slugs.append(slug)
        title = "".join(rng.choice(TITLES) for _ in range(rng.choice((2, 3, 4))))
        shelved = start + dt.timedelta(days=i * 2200 // max(n, 1))
        bands = sorted(rng.sample(BANDS, rng.choice((1, 2))), key=BANDS.index)
        cover = f"cover: {covers[i % len(covers)]}\n" if covers else ""
        (content / "books" / f"{slug}.md").write_text(
            f"---\ntitle: {title}{i}\nauthor: {name(rng)}\npublisher: {phrase(rng, 4)}出版社\nyear: {2010 + i % 16}\n"
            f"isbn: \"{isbn13(rng)}\"\ncall_number: {rng.choice(CLC)}\n{cover}grade_bands: [{', '.join(bands)}]\n"
            f"tags: [{phrase(rng, 2)}, {phrase(rng, 2)}]\nrecommended_by: {name(rng)}老师\nshelved: {shelved.isoformat()}\n"
            f"featured: {'true' if i % 50 == 0 else 'false'}\n---\n{introduction(rng)}", encoding="utf-8")
    for k in range(max(1, n // 100)):
        picks = rng.sample(slugs, min(10, len(slugs)))
        items = "\n".join(f"  - book: {s}\n    note: {phrase(rng, 12)}" for s in picks)
        (content / "lists" / f"list-{k:03d}.yaml").write_text(
            f"title: 推荐书目{k}\ngrade_bands: [{rng.choice(BANDS)}]\ndescription: {phrase(rng, 20)}\nitems:\n{items}\n", encoding="utf-8")
    all_classes = classes()
    for year in range(2020, 2027):
        first, last = dt.date(year, 9, 1), dt.date(year + 1, 1, 20)
        acts = []
        for k in range(max(4, n // 250)):
            day = first + dt.timedelta(days=rng.randrange((last - first).days))
            acts.append(f"  - date: {day.isoformat()}\n    title: {phrase(rng, 8)}\n    place: 图书室")
        acts.append(f"  - month: {year}-10\n    title: {phrase(rng, 10)}")
        (content / "calendar" / f"{year}-autumn.yaml").write_text(
            f"semester: {year}—{year + 1}学年第一学期\nfirst_day: {first}\nlast_day: {last}\nactivities:\n" + "\n".join(acts) + "\n",
            encoding="utf-8")
    for k in range(max(4, n // 100)):
        winners = "\n".join(f"  - name: {name(rng)}\n    class: {rng.choice(all_classes)}\n    level: {rng.choice(['一等奖', '二等奖', '三等奖'])}"
                            for _ in range(8))
        day = dt.date(2020, 10, 1) + dt.timedelta(days=k * 2200 // max(1, n // 100))
        (content / "awards" / f"award-{k:04d}.yaml").write_text(
            f"name: 读书征文比赛{k}\ndate: {min(day, dt.date(2026, 11, 20))}\nkind: pupils\nwinners:\n{winners}\n", encoding="utf-8")
    grades = []
    for g in GRADES:
        cls = "\n".join(f"      - class: {g}({c})班\n        assistants: [{{name: {name(rng)}, role: 组长}}, {{name: {name(rng)}}}]" for c in (1, 2, 3))
        grades.append(f"  - grade: {g}\n    classes:\n{cls}")
    days = ["周一", "周二", "周三", "周四", "周五"]
    rotation = "\n".join(f"  - day: {days[i % 5]}\n    time: \"{'12:00-12:50' if i < 10 else '15:40-16:50'}\"\n    classes: [{c}]"
                         for i, c in enumerate(all_classes))
    (content / "rosters" / "2026-autumn.yaml").write_text(
        "semester: 2026—2027学年第一学期\nfirst_day: 2026-09-01\nlast_day: 2027-01-22\ngrades:\n" + "\n".join(grades)
        + f"\nrotation:\n{rotation}\n", encoding="utf-8")
    for month, mondays in (("2026-09", ["2026-09-07", "2026-09-14", "2026-09-21", "2026-09-28"]),
                           ("2026-10", ["2026-10-12", "2026-10-19", "2026-10-26"])):
        rows = "\n".join(f"  - class: {c}\n    pupils: {rng.randrange(38, 46)}\n    loans: [{', '.join(str(rng.randrange(10, 40)) for _ in mondays)}]"
                         for c in all_classes)
        (content / "stats" / f"{month}.yaml").write_text(f"month: {month}\nweeks: [{', '.join(mondays)}]\nclasses:\n{rows}\n", encoding="utf-8")
    (content / "pages" / "rules.md").write_text("---\ntitle: 借阅制度\norder: 1\n---\n每人每次最多借书两本，借期一周。\n", encoding="utf-8")
    for k in range(max(3, n // 50)):
        day = dt.date(2020, 9, 1) + dt.timedelta(days=k * 2200 // max(1, n // 50))
        (content / "news" / f"{day.isoformat()}-news-{k:04d}.md").write_text(
            f"---\ntitle: {phrase(rng, 10)}\ndate: {min(day, dt.date(2026, 11, 20))}\nkind: report\nsummary: {phrase(rng, 20)}\n---\n{introduction(rng)}",
            encoding="utf-8")


def phone_covers(target: Path, seed: int = 2026) -> None:
    """Give every book of a generated project its own cover as a phone takes it: a 4000×3000 JPEG
    turned by EXIF orientation 6 (the phone held upright), 3–8 MB with a photo's grain."""
    import io

    from PIL import Image, ImageDraw
    rng = random.Random(seed)
    grain = Image.frombytes("L", (4000, 3000), rng.randbytes(4000 * 3000)).convert("RGB")
    exif = Image.Exif()
    exif[0x0112] = 6
    for book in sorted((target / "content" / "books").glob("*.md")):
        image = Image.new("RGB", (4000, 3000), tuple(rng.randrange(40, 220) for _ in range(3)))
        draw = ImageDraw.Draw(image)
        for _ in range(6):
            x, y = rng.randrange(3600), rng.randrange(2600)
            draw.rectangle((x, y, x + rng.randrange(200, 1400), y + rng.randrange(200, 1200)),
                           fill=tuple(rng.randrange(256) for _ in range(3)))
        out = io.BytesIO()
        Image.blend(image, grain, 0.12).save(out, "JPEG", quality=92, exif=exif)
        (target / "content" / "images" / f"{book.stem}.jpg").write_bytes(out.getvalue())
        text = book.read_text(encoding="utf-8")
        start = text.find("\ncover: ")
        if start >= 0:
            end = text.index("\n", start + 1)
            text = text[:start] + f"\ncover: {book.stem}.jpg" + text[end:]
        else:
            text = text.replace("\ngrade_bands:", f"\ncover: {book.stem}.jpg\ngrade_bands:", 1)
        book.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("books", type=int)
    parser.add_argument("target", type=Path)
    parser.add_argument("--phone-covers", action="store_true", help="each book's cover a 4000×3000 phone photo (3–8 MB)")
    args = parser.parse_args()
    generate(args.books, args.target)
    if args.phone_covers:
        phone_covers(args.target)
    print(f"generated {args.books} books in {args.target}")


if __name__ == "__main__":
    main()
