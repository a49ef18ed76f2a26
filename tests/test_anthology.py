"""The printed anthology of pupils' writing: an A5 booklet per activity, its contents' page numbers
the pages each piece starts on (read back from the PDF)."""
from __future__ import annotations

import re
import subprocess

from conftest import read

BOOKLET = "print/anthology/di-wu-jie-du-shu-jie-zheng-wen-bi-sai"


def page_text(pdf, page: int) -> str:
    done = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), "-layout", str(pdf), "-"],
                          capture_output=True, text=True, check=True)
    return done.stdout


def test_each_activity_has_a_booklet_whose_contents_lead_to_its_pieces(sample):
    pdf = sample.config.output_dir / f"{BOOKLET}.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "419.5" in info and "595.2" in info  # A5, to fold
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    cover, contents = page_text(pdf, 1).replace(" ", ""), page_text(pdf, 2)
    assert "阳光小学图书室" in cover and "第五届读书节征文比赛" in cover and "共4篇" in cover
    # "title pupil · prize .......3": each entry and the page its leader ends in
    entries = re.findall(r"^\s*(\S+) \S+ · \S+ ?\.{3,}\s*(\d+)\s*$", contents, re.MULTILINE)
    assert [title for title, _ in entries] == ["桑桑教会我的事——读《草房子》有感", "夏洛织的那张网", "我心中的孙悟空",
                                               "小王子和他的玫瑰"]
    for title, number in entries:
        text = page_text(pdf, int(number))
        assert title in text.replace(" ", ""), (title, number)
        assert text.strip().endswith(number)  # the page number at its foot
    assert int(entries[-1][1]) == pages
    assert "一等奖" in page_text(pdf, int(entries[0][1])) and "沈若兮" in page_text(pdf, int(entries[0][1]))


def test_the_booklets_are_listed_with_the_printables_and_linked_from_the_writing_page(sample):
    assert f"{BOOKLET}.pdf" in read(sample, "print/index.html")
    assert f'href="../{BOOKLET}.html"' in read(sample, "writing/index.html")
    assert (sample.config.output_dir / "print/anthology/shu-qi-du-shu-bi-ji-ping-xuan.pdf").is_file()
