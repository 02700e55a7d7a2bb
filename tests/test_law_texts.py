"""The schedules against the law texts in ../shared/laws: a data test, not a test of the code.

Every schedule file is read as TOML, generically: every string under a key that ends in `basis`
is split into its citations ("行政处罚法（2021） 第六十八条第一项；第八十五条"), each citation of a
law whose text is at hand must name an article (and paragraph, item) that the text has, and every
`text` beside such a basis must appear verbatim in the cited article or paragraph (whitespace and
markdown aside). A `text` whose law is not at hand (Hebei's rules, the 印章/典当/边境通行证 rules)
must say what it rests on (`rests_on`). New schedule files are covered without changing this test;
a law name it does not know fails with a message saying where to add it.

The texts are located beside the clone (`../shared`), as CI has them.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
LAWS = SHARED / "laws"
SCHEDULES = ROOT / "schedules"

# Short names as schedules cite them -> the file in ../shared/laws. A key with a year matches a
# citation with that year in its parenthesis ("（2021）", "（2019年修订）"); a key without a year
# matches a citation without one, and is given only where the name leaves no doubt which text is
# meant (one version in force for every date the schedules cover, or the only text at hand).
LAW_FILES = {
    ("治安管理处罚法", "2012"): "治安管理处罚法(2012).md",
    ("治安管理处罚法", "2025"): "治安管理处罚法(2025).md",
    ("行政处罚法", "2021"): "行政处罚法(2021).md",
    ("行政处罚法", None): "行政处罚法(2021).md",
    ("行政强制法", None): "行政强制法(2011).md",
    ("行政许可法", None): "行政许可法(2019).md",
    ("行政许可法", "2019"): "行政许可法(2019).md",
    ("行政复议法", "2017"): "行政复议法(2017).md",
    ("行政复议法", "2023"): "行政复议法(2023).md",
    ("行政诉讼法", None): "行政诉讼法(2017).md",
    ("行政诉讼法", "2017"): "行政诉讼法(2017).md",
    ("刑事诉讼法", None): "刑事诉讼法(2018).md",
    ("刑事诉讼法", "2018"): "刑事诉讼法(2018).md",
    # The 2018 text as amended 2019 is the one at hand; its 2020 amendment is not (see ABSENT).
    ("公安机关办理行政案件程序规定", None): "公安机关办理行政案件程序规定(2018修正).md",
    ("公安机关办理行政案件程序规定", "2018"): "公安机关办理行政案件程序规定(2018修正).md",
    ("程序规定", None): "公安机关办理行政案件程序规定(2018修正).md",
    ("程序规定", "2018"): "公安机关办理行政案件程序规定(2018修正).md",
    ("公安机关办理刑事案件程序规定", None): "公安机关办理刑事案件程序规定(2020).md",
    ("公安机关适用继续盘问规定", None): "公安机关适用继续盘问规定(2004).md",
    ("民法典", None): "民法典-总则编.md",
    ("互联网上网服务营业场所管理条例", "2019"): "互联网上网服务营业场所管理条例(2019).md",
    ("互联网上网服务营业场所管理条例", "2022"): "互联网上网服务营业场所管理条例(2022).md",
    ("禁毒法", None): "禁毒法(2007).md",
    ("戒毒条例", None): "戒毒条例(2018).md",
    ("拘留所条例", None): "拘留所条例(2012).md",
    ("居民身份证法", None): "居民身份证法(2011).md",
    ("户口登记条例", None): "户口登记条例(1958).md",
    ("护照法", None): "护照法(2006).md",
    ("居住证暂行条例", None): "居住证暂行条例(2015).md",
    ("出境入境管理法", None): "出境入境管理法(2012).md",
    ("集会游行示威法", None): "集会游行示威法(2009).md",
    ("集会游行示威法实施条例", None): "集会游行示威法实施条例(2011).md",
    ("大型群众性活动安全管理条例", None): "大型群众性活动安全管理条例(2007).md",
    ("旅馆业治安管理办法", None): "旅馆业治安管理办法(2020).md",
    ("禁止传销条例", None): "禁止传销条例(2005).md",
    ("全国年节及纪念日放假办法", "2013"): "全国年节及纪念日放假办法(2013).md",
    ("全国年节及纪念日放假办法", "2024"): "全国年节及纪念日放假办法(2024).md",
    ("枪支管理法", None): "枪支管理法(2015).md",
    ("危险化学品安全管理条例", None): "危险化学品安全管理条例(2013).md",
    ("人民警察法", None): "人民警察法(2012).md",
    ("消防法", None): "消防法(2021).md",
    ("消防法", "2021"): "消防法(2021).md",
    ("反恐怖主义法", None): "反恐怖主义法(2018).md",
}

# A law cited without a year may also be cited with the year of its one text at hand.
for (_name, _year), _file in list(LAW_FILES.items()):
    _m = re.search(r"\((\d{4})", _file)
    if _year is None and _m:
        LAW_FILES.setdefault((_name, _m.group(1)), _file)

# Laws the schedules cite whose text is not in ../shared/laws (SOURCES.md): a citation of one is
# not checked, and a `text` resting on one must say so (`rests_on`).
ABSENT = {
    "互联网上网服务营业场所管理条例",  # the 2016 text (国务院令第666号) and the 2002/2011 texts
    "公安机关办理行政案件程序规定",  # the 2020 amendment
    "程序规定",
    "刑法",
    "典当管理办法",
    "印铸刻字业暂行管理规则",
    "河北省印章刻制治安管理办法",
    "中华人民共和国边境管理区通行证管理办法",
    "边境管理区通行证管理办法",
    "临时居民身份证管理办法",
    "河北省流动人口服务管理规定",
    "计算机信息网络国际联网安全保护管理办法",
    "最高人民检察院、公安部关于公安机关管辖的刑事案件立案追诉标准的规定（二）",
    "立案追诉标准（二）",
    "食品安全法",
    "GB 2760",
    "国家卫生计生委等2014年第8号公告",
    "国务院关于修改和废止部分行政法规的决定",
    "全国年节及纪念日放假办法",  # the 1949/1999/2007 texts
    "民法典",  # the parts other than 总则编 (e.g. 第一千二百五十九条)
    "治安管理处罚法",  # a citation without its year names no text
}

# Laws of which only one part is at hand: file -> (first, last) article of that part. A citation of
# an article outside it (民法典 第一千二百五十九条, in the 附则; the 总则编 is 第一条至第二百零四条) is a
# citation of a text not at hand, like one in ABSENT.
PARTS = {"民法典-总则编.md": (1, 204)}

# Sources that are not laws: the county list, the State Council's notices and replies, and the
# ministries' announcements (公告), none of which is in ../shared/laws; and what an inspection step
# cites where it has no law to cite (inspections/texts.toml: a plain weekday's due date, a target the
# caller says a superior authority set).
NOT_LAW = re.compile(r"^(县公安局责任清单|责任清单|县级责任清单|国务院办公厅|国办发|国务院\d|国务院关于.*通知|日期：|"
                     r"国家卫生计生委|\{|—|工作日：周一至周五|请求方提供的上级下达监督检查指标)")

CN = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
NUM = "零〇一二三四五六七八九十百千两"


def cn_number(s: str) -> int:
    """第一百零四条 -> 104; 十五 -> 15."""
    total, cur = 0, 0
    for ch in s:
        if ch in CN:
            cur = CN[ch]
        elif ch in "十百千":
            unit = {"十": 10, "百": 100, "千": 1000}[ch]
            total += (cur or 1) * unit
            cur = 0
    return total + cur


# -- the texts -------------------------------------------------------------------------------------

ARTICLE = re.compile(rf"^\**\s*第([{NUM}]+)条(之[{NUM}]+)?\**[\s　]*(.*)$")
ITEM = re.compile(rf"^[（(]([{NUM}]+)[)）]")


@dataclass
class Article:
    number: str  # "104" or "224之一"
    paragraphs: list[list[str]] = field(default_factory=list)  # each: its lines, items included

    def text(self) -> str:
        return "".join(line for p in self.paragraphs for line in p)


def norm(s: str) -> str:
    """Whitespace and markdown aside; half-width item brackets as the texts mix both."""
    s = re.sub(r"[\s　*]+", "", s)
    return s.replace("(", "（").replace(")", "）")


_cache: dict[str, dict[str, Article]] = {}


def articles(filename: str) -> dict[str, Article]:
    if filename in _cache:
        return _cache[filename]
    out: dict[str, Article] = {}
    current = None
    for raw in (LAWS / filename).read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#") or line.startswith("<!--"):
            current = None
            continue
        m = ARTICLE.match(line)
        if m:
            number = str(cn_number(m.group(1))) + (m.group(2) or "")
            current = out.setdefault(number, Article(number))
            current.paragraphs.append([m.group(3)])
            continue
        if current is None:
            continue
        if ITEM.match(line) and current.paragraphs:
            current.paragraphs[-1].append(line)
        else:
            current.paragraphs.append([line])
    _cache[filename] = out
    return out


# -- the citations ---------------------------------------------------------------------------------

CITE = re.compile(rf"第([{NUM}]+)条(之[{NUM}]+)?(?:第([{NUM}]+)款)?(?:第[（(]?([{NUM}]+)[)）]?项)?")
NAME = re.compile(r"^《?(?:中华人民共和国)?(?P<name>[^（《》\s第]+?(?:（二）)?)》?(?:（(?P<paren>[^）]*)）)?(?=\s|第|$|（)")


@dataclass(frozen=True)
class Citation:
    law: str
    year: str | None
    article: str
    paragraph: int | None
    item: int | None
    raw: str


def _top_level(basis: str) -> list[str]:
    """Split at ；/; outside parentheses (a remark in （…） may have its own ；)."""
    out, depth, cur = [], 0, ""
    for ch in basis:
        depth += ch in "（(" 
        depth -= ch in "）)" and depth > 0
        if ch in "；;" and depth == 0:
            out.append(cur)
            cur = ""
        else:
            cur += ch
    return out + [cur]


def split_basis(basis: str) -> list[tuple[str | None, str | None, str]]:
    """'A（2021） 第一条、第二条；第三条；B 第四条' -> [(A, 2021, '第一条、第二条'), (A, 2021, '第三条'),
    (B, None, '第四条')]: a segment without a law name continues the previous law."""
    out = []
    law = year = None
    for seg in _top_level(basis):
        seg = seg.strip()
        if not seg:
            continue
        if seg.startswith("第") or re.match(rf"^[{NUM}]+[、（]|^[（(][{NUM}]+[)）]", seg):
            out.append((law, year, seg))
            continue
        m = NAME.match(seg)
        if seg.startswith("GB"):  # a national standard: "GB 2760 食品安全国家标准…"
            law, year = "GB " + re.match(r"GB\s*([\d.]+)", seg).group(1), None
            out.append((law, None, ""))
            continue
        if not m:
            law, year = seg, None
            out.append((seg, None, ""))
            continue
        law = m.group("name")
        paren = m.group("paren") or ""
        y = re.match(r"(\d{4})", paren)
        year = y.group(1) if y else None
        out.append((law, year, seg[m.end():]))
    return out


def citations(basis: str, whole_law: bool = False) -> tuple[list[Citation], list[str]]:
    """The citations of laws at hand, and the names of laws cited that are not (ABSENT).
    `whole_law`: the item says the law has no such provision (punishable = false), so the law
    may be named without an article."""
    found, absent = [], []
    for law, year, rest in split_basis(basis):
        if law is None or NOT_LAW.match(law):
            continue
        # a parenthesis after the articles is a remark ("（十五日为自然日）"), not a citation
        rest = re.sub(r"（[^（）]*(?:（[^（）]*）[^（）]*)*）", lambda m: "" if "第" not in m.group(0) or "所引" in m.group(0)
                      or "责任清单" in m.group(0) else m.group(0), rest)
        key = (law, year)
        if key not in LAW_FILES:
            if law in ABSENT:
                absent.append(law if year is None else f"{law}（{year}）")
                continue
            pytest.fail(f"basis 引用了未登记的法律「{law}」（{year or '无年份'}）：{basis!r}；"
                        f"在 tests/test_law_texts.py 的 LAW_FILES 或 ABSENT 中登记")
        cites = list(CITE.finditer(rest))
        if not cites and whole_law:
            continue
        if not cites:
            pytest.fail(f"basis 引用了「{law}」却未写条文：{basis!r}")
        for c in cites:
            number = str(cn_number(c.group(1))) + (c.group(2) or "")
            part = PARTS.get(LAW_FILES[key])
            if part and not part[0] <= cn_number(c.group(1)) <= part[1]:
                absent.append(law if year is None else f"{law}（{year}）")
                continue
            found.append(Citation(key[0], key[1], number, c.group(3) and cn_number(c.group(3)),
                                  c.group(4) and cn_number(c.group(4)), c.group(0)))
    return found, absent


def cited_text(c: Citation) -> str:
    """The cited unit's text: the paragraph (or item) if named, else the whole article."""
    arts = articles(LAW_FILES[(c.law, c.year)])
    art = arts.get(c.article)
    assert art is not None, f"{LAW_FILES[(c.law, c.year)]} 没有第{c.article}条（{c.raw}）"
    if c.paragraph is None:
        if c.item is None:
            return art.text()
        items = [line for p in art.paragraphs for line in p[1:]]
        assert c.item <= len(items), f"{LAW_FILES[(c.law, c.year)]} 第{c.article}条没有第{c.item}项（{c.raw}）"
        return items[c.item - 1]
    assert c.paragraph <= len(art.paragraphs), (
        f"{LAW_FILES[(c.law, c.year)]} 第{c.article}条只有{len(art.paragraphs)}款，引用了第{c.paragraph}款（{c.raw}）")
    para = art.paragraphs[c.paragraph - 1]
    if c.item is None:
        return "".join(para)
    assert c.item < len(para), f"{LAW_FILES[(c.law, c.year)]} 第{c.article}条第{c.paragraph}款没有第{c.item}项（{c.raw}）"
    return para[c.item]


# -- the schedules ---------------------------------------------------------------------------------

# Step wording (not quotations): the counting rules and the timelines' step templates.
TEMPLATES = ("periods.toml",)
TEMPLATE_TABLES = ("texts",)


@dataclass(frozen=True)
class Cited:
    file: str
    path: str
    key: str
    basis: str
    table: dict


def schedule_files() -> list[Path]:
    return sorted(p for p in SCHEDULES.rglob("*.toml") if "calendar" not in p.relative_to(SCHEDULES).parts[:1])


def walk(data, path=""):
    if isinstance(data, dict):
        yield path, data
        for k, v in data.items():
            yield from walk(v, f"{path}.{k}" if path else k)
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from walk(v, f"{path}[{i}]")


def cited() -> list[Cited]:
    out = []
    for f in schedule_files():
        name = str(f.relative_to(SCHEDULES))
        data = tomllib.loads(f.read_text(encoding="utf-8"))
        for path, table in walk(data):
            for key, value in table.items():
                if key.endswith("basis") and isinstance(value, str):
                    out.append(Cited(name, path, key, value, table))
    return out


CITED = cited()


def _id(c: Cited) -> str:
    return f"{c.file}:{c.path}.{c.key}"


def test_the_texts_are_beside_the_clone():
    assert LAWS.is_dir(), f"找不到 {LAWS}（CI 在克隆旁放置 shared/）"
    for filename in set(LAW_FILES.values()):
        assert (LAWS / filename).is_file(), filename
    assert len(articles("治安管理处罚法(2025).md")) == 144
    assert len(articles("行政处罚法(2021).md")) == 86


def test_the_parser_reads_paragraphs_and_items():
    # 行政处罚法 第六十八条: one paragraph with two items; 第七十三条 has three paragraphs
    art = articles("行政处罚法(2021).md")["68"]
    assert len(art.paragraphs) == 1 and len(art.paragraphs[0]) == 3
    assert len(articles("行政处罚法(2021).md")["73"].paragraphs) == 3
    c, _ = citations("行政处罚法（2021） 第六十八条第一项；第七十三条第三款")
    assert [x.raw for x in c] == ["第六十八条第一项", "第七十三条第三款"]
    assert "一百元以下" in cited_text(c[0])
    assert "不予计算" in cited_text(c[1])


@pytest.mark.parametrize("c", CITED, ids=_id)
def test_every_cited_article_is_in_its_text(c):
    found, _ = citations(c.basis, whole_law=c.table.get("punishable") is False)
    for cit in found:
        cited_text(cit)


QUOTED = [c for c in CITED if c.key == "basis" and isinstance(c.table.get("text"), str)
          and c.file not in TEMPLATES and not any(c.path == t or c.path.startswith(t + ".") for t in TEMPLATE_TABLES)]


@pytest.mark.parametrize("c", QUOTED, ids=_id)
def test_every_quoted_text_is_verbatim_or_says_what_it_rests_on(c):
    text = c.table["text"]
    # the text quotes the first law its basis names; later ones are related provisions
    first = split_basis(c.basis)[0][0]
    found, absent = citations(c.basis)
    found = [x for x in found if x.law == first]
    if found:
        assert "要旨" not in text, f"{_id(c)}: 法律文本在手，不应再用要旨"
        whole = "".join(norm(cited_text(x)) for x in found)
        assert norm(text) in whole, f"{_id(c)}: text 与 {found[0].law} {'、'.join(x.raw for x in found)} 的文字不一致"
        assert "rests_on" not in c.table, f"{_id(c)}: 法律文本在手，不需要 rests_on"
    elif absent and not NOT_LAW.match(first or ""):
        # the text quotes a law that is not at hand (a text beginning with the county list is
        # the county's own wording, and is checked there)
        assert c.table.get("rests_on") in ("county_list", "quotation"), (
            f"{_id(c)}: {absent[0]} 的文本不在 ../shared/laws，应写明 rests_on = \"county_list\" 或 \"quotation\"")


def test_a_wrong_paragraph_or_a_changed_word_is_caught():
    # 护照法 第六条 has four paragraphs: a fifth is refused; 第二款 holds 十五日, not 三十日
    (c,), _ = citations("护照法 第六条第五款")
    with pytest.raises(AssertionError):
        cited_text(c)
    (c,), _ = citations("护照法 第六条第二款")
    assert "十五日内签发普通护照" in norm(cited_text(c)) and "三十日" not in cited_text(c)
    # a gist is not the text: one changed word fails the verbatim check
    (c,), _ = citations("治安管理处罚法（2025） 第六十八条第一款")
    assert norm("房屋出租人将房屋出租给身份不明、拒绝登记身份信息的人的") in norm(cited_text(c))
    assert norm("房屋出租人将房屋出租给无身份证件的人居住") not in norm(cited_text(c))
    # an unknown law is not silently skipped
    with pytest.raises(pytest.fail.Exception):
        citations("某某条例 第一条")


def test_an_article_outside_the_part_at_hand_is_not_checked_against_it():
    # 民法典-总则编.md holds 第一条至第二百零四条: 第二百零一条 is checked, 第一千二百五十九条 (附则) is not at hand
    found, absent = citations("民法典 第二百零一条")
    assert [x.article for x in found] == ["201"] and not absent
    found, absent = citations("民法典 第一千二百五十九条（以上、以下包括本数）")
    assert found == [] and absent == ["民法典"]
