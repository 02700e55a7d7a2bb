"""The schedules against the law texts in ../shared/laws: a data test, not a test of the code.

Every basis in schedules/ is a list of references (calc/citations.py): the text (`law`, a name of
schedules/laws), its edition, the article, paragraph and item as numbers. Each reference to a text
at hand (the edition's `file`) must name an article, paragraph and item that the text has; every
`text` beside such a basis must appear verbatim in the cited article, paragraph or item (whitespace
and markdown aside); a `text` whose law is not at hand (Hebei's rules, the 典当/边境通行证 rules) must
say what it rests on (`rests_on`). Each registry title must be the heading of its text. New schedule
files are covered without changing this test.

The texts are located beside the clone (`../shared`), as CI has them.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from calc import laws as lawmod, nodes
from calc.citations import Basis, Cite, numeral
from calc.nodes import Source

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
LAWS = SHARED / "laws"
SCHEDULES = ROOT / "schedules"

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


# -- the references --------------------------------------------------------------------------------

REGISTRY = lawmod.bundled()

# Files of which only one part is at hand: file -> (first, last) article of that part. A reference
# to an article outside it (民法典 第一千二百五十九条, in the 附则; the 总则编 is 第一条至第二百零四条) is a
# reference to a text not at hand.
PARTS = {"民法典-总则编.md": (1, 204)}


def file_of(c: Cite) -> str | None:
    """The file in ../shared/laws that holds the cited article, or None where it is not at hand."""
    edition = c.law.edition(c.edition)
    if edition is None or edition.file is None:
        return None
    part = PARTS.get(edition.file)
    if part and c.article is not None and not part[0] <= c.article <= part[1]:
        return None
    return edition.file


def place(c: Cite) -> str:
    return c.place(decision=True) or c.law.name


def cited_text(c: Cite) -> str:
    """The cited unit's text: the paragraph (or item) if named, else the whole article."""
    filename = file_of(c)
    number = str(c.article) + (f"之{numeral(c.sub_article)}" if c.sub_article else "")
    art = articles(filename).get(number)
    assert art is not None, f"{filename} 没有第{number}条（{place(c)}）"
    if c.paragraph is None:
        if c.item is None:
            return art.text()
        items = [line for p in art.paragraphs for line in p[1:]]
        assert c.item <= len(items), f"{filename} 第{number}条没有第{c.item}项（{place(c)}）"
        return items[c.item - 1]
    assert c.paragraph <= len(art.paragraphs), (
        f"{filename} 第{number}条只有{len(art.paragraphs)}款，引用了第{c.paragraph}款（{place(c)}）")
    para = art.paragraphs[c.paragraph - 1]
    if c.item is None:
        return "".join(para)
    assert c.item < len(para), f"{filename} 第{number}条第{c.paragraph}款没有第{c.item}项（{place(c)}）"
    return para[c.item]


# -- the schedules ---------------------------------------------------------------------------------

# Step wording (not quotations): the counting rules and the timelines' step templates.
TEMPLATES = ("periods.toml",)
TEMPLATE_TABLES = ("texts",)
# Where a basis stands under another key than *basis (timelines' counting rules).
BASIS_KEYS = ("start", "holiday", "unit")


@dataclass(frozen=True)
class Cited:
    file: str
    path: str
    key: str
    basis: Basis
    table: dict


def schedule_files() -> list[Path]:
    return sorted(p for p in SCHEDULES.rglob("*.toml")
                  if p.relative_to(SCHEDULES).parts[0] not in ("calendar", "laws"))


def _bases(source: Source, data, path: str, inherit: Basis | None):
    """Every basis under `data`, read as the loaders read it (a band's reference without `law`
    takes its version's law and edition)."""
    if isinstance(data, dict):
        node = nodes.Node(source, path, data)
        own = None
        for key, value in data.items():
            is_basis = key.endswith("basis") or (key in BASIS_KEYS and path.endswith("counting"))
            if is_basis and isinstance(value, list) and not any(isinstance(x, str) for x in value):
                b = node.basis(key, inherit=inherit)
                own = b if key == "basis" else own
                yield Cited(source.name, path, key, b, data)
        for key, value in data.items():
            if not (key.endswith("basis") or key in BASIS_KEYS):
                yield from _bases(source, value, f"{path}.{key}" if path else key, own or inherit)
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _bases(source, value, f"{path}[{i}]", inherit)


def cited() -> list[Cited]:
    out = []
    for f in schedule_files():
        name = str(f.relative_to(SCHEDULES))
        data = tomllib.loads(f.read_text(encoding="utf-8"))
        out += _bases(Source(name, data, laws=REGISTRY), data, "", None)
    return out


CITED = cited()


def _id(c: Cited) -> str:
    return f"{c.file}:{c.path}.{c.key}"


def test_the_texts_are_beside_the_clone():
    assert LAWS.is_dir(), f"找不到 {LAWS}（CI 在克隆旁放置 shared/）"
    assert len(articles("治安管理处罚法(2025).md")) == 144
    assert len(articles("行政处罚法(2021).md")) == 86


def test_every_basis_of_the_schedules_is_read():
    # 96 治安 violations with two versions each, and the rest: a walk that lost its way finds few
    assert len(CITED) > 500
    assert not [c for f in schedule_files() for c in [f.read_text("utf-8")]
                if re.search(r'\bbasis = "(?!\{)', c)], "a basis written as a string cites nothing: use references"


@pytest.mark.parametrize("instrument", sorted(REGISTRY.instruments.values(), key=lambda i: i.name), ids=lambda i: i.name)
def test_every_registry_title_is_the_heading_of_its_text(instrument):
    for edition in instrument.editions:
        if edition.file is None:
            continue
        path = LAWS / edition.file
        assert path.is_file(), f"{instrument.name} {edition.year}: {edition.file} 不在 ../shared/laws"
        heading = next(line.lstrip("# ").strip() for line in path.read_text("utf-8").splitlines()
                       if line.startswith("# ") or line.startswith("title:"))
        heading = heading.removeprefix("title:").strip().strip('"')
        assert heading == instrument.title, f"{edition.file} 的标题是「{heading}」，目录写作「{instrument.title}」"


def test_the_parser_reads_paragraphs_and_items():
    # 行政处罚法 第六十八条: one paragraph with two items; 第七十三条 has three paragraphs
    art = articles("行政处罚法(2021).md")["68"]
    assert len(art.paragraphs) == 1 and len(art.paragraphs[0]) == 3
    assert len(articles("行政处罚法(2021).md")["73"].paragraphs) == 3
    law = REGISTRY.get("行政处罚法")
    assert "一百元以下" in cited_text(Cite(law, 2021, 68, item=1))
    assert "不予计算" in cited_text(Cite(law, 2021, 73, paragraph=3))


@pytest.mark.parametrize("c", CITED, ids=_id)
def test_every_cited_article_is_in_its_text(c):
    for ref in c.basis.cites:
        if file_of(ref) is None:
            continue
        if ref.article is None:
            # a law at hand named without an article: only where the version says it does not
            # punish, or where a note says what of the whole text is meant (a revision's effect)
            assert c.table.get("punishable") is False or ref.note, f"{_id(c)}: 引用了「{ref.law.name}」却未写条文"
            continue
        cited_text(ref)


QUOTED = [c for c in CITED if c.key == "basis" and isinstance(c.table.get("text"), str)
          and c.file not in TEMPLATES and not any(c.path == t or c.path.startswith(t + ".") for t in TEMPLATE_TABLES)]


@pytest.mark.parametrize("c", QUOTED, ids=_id)
def test_every_quoted_text_is_verbatim_or_says_what_it_rests_on(c):
    text = c.table["text"]
    refs = c.basis.cites
    assert refs, f"{_id(c)}: 引文没有引用"
    # the text quotes the first law its basis names; later ones are related provisions
    first = [r for r in refs if r.law is refs[0].law and r.edition == refs[0].edition]
    if refs[0].law.kind == "list":
        return  # the county's own wording, checked against the county list elsewhere
    if all(file_of(r) is not None and r.article is not None for r in first):
        assert "要旨" not in text, f"{_id(c)}: 法律文本在手，不应再用要旨"
        whole = "".join(norm(cited_text(r)) for r in first)
        assert norm(text) in whole, f"{_id(c)}: text 与 {refs[0].law.name} {'、'.join(place(r) for r in first)} 的文字不一致"
        assert "rests_on" not in c.table, f"{_id(c)}: 法律文本在手，不需要 rests_on"
    else:
        assert c.table.get("rests_on") in ("county_list", "quotation"), (
            f"{_id(c)}: {refs[0].law.name} 的文本不在 ../shared/laws，应写明 rests_on = \"county_list\" 或 \"quotation\"")


def test_a_wrong_paragraph_or_a_changed_word_is_caught():
    passport, zhian = REGISTRY.get("护照法"), REGISTRY.get("治安管理处罚法")
    # 护照法 第六条 has four paragraphs: a fifth is refused; 第二款 holds 十五日, not 三十日
    with pytest.raises(AssertionError):
        cited_text(Cite(passport, 2006, 6, paragraph=5))
    assert "十五日内签发普通护照" in norm(cited_text(Cite(passport, 2006, 6, paragraph=2)))
    assert "三十日" not in cited_text(Cite(passport, 2006, 6, paragraph=2))
    # a gist is not the text: one changed word fails the verbatim check
    landlord = norm(cited_text(Cite(zhian, 2025, 68, paragraph=1)))
    assert norm("房屋出租人将房屋出租给身份不明、拒绝登记身份信息的人的") in landlord
    assert norm("房屋出租人将房屋出租给无身份证件的人居住") not in landlord
    # an article the text does not have
    with pytest.raises(AssertionError):
        cited_text(Cite(zhian, 2025, 145))


def test_an_article_outside_the_part_at_hand_is_not_checked_against_it():
    # 民法典-总则编.md holds 第一条至第二百零四条: 第二百零一条 is checked, 第一千二百五十九条 (附则) is not at hand
    code = REGISTRY.get("民法典")
    assert file_of(Cite(code, 2020, 201)) == "民法典-总则编.md"
    assert file_of(Cite(code, 2020, 1259)) is None
