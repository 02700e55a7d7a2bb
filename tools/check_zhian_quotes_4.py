"""Check schedules/penalties/zhian-4.toml against the two texts of the 治安管理处罚法.

Why: the catalogue is law as data, so every quote must be the text itself and every number in a band
must be one the quoted paragraph states. Until the engine loads the new keys this is the only check.

For each version with a `text`:
- the text is exactly the paragraph its `basis` names (第X条 = the article's only paragraph,
  第X条第Y款 = its Yth paragraph; a paragraph's 项 are joined to its lead-in), whitespace and
  markdown aside;
- each of the violation's `acts` is one 项 of the 2025 paragraph;
- `combination` is the connector the text writes between the band's detention and fine ("或者" = or,
  "，并处" = and, "，可以并处" = and_optional; check_zhian_quotes.combination_in_text);
- the set of day counts (…日) and of yuan amounts (…元) written in the text equals the set of
  numbers in the version's bands (a number the text states but no band carries, or the reverse,
  is reported).
Also: the file parses with tomllib, ids are unique, `punishable = false` versions carry no text/bands.
A version under another law (basis e.g. "禁毒法（2007） 第六十一条", "出境入境管理法（2012） 第七十二条第一款")
is checked the same way against ../shared/laws/<short name>(<year>).md, and may not start before that law
came into force; a violation's versions must follow each other from 2006-03-01 without gap or overlap
(check_zhian_quotes.IN_FORCE and check_dates, shared with the zhian-1..3 checker).

Run: python3 tools/check_zhian_quotes_4.py [path]   (exit 1 on any problem)
"""
import re
import sys
import tomllib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import check_zhian_quotes as common  # noqa: E402  (the other laws' files, dates, numbers)

LAWS = Path(__file__).resolve().parents[1] / ".." / ".." / "shared" / "laws"
if not LAWS.exists():
    LAWS = Path("/work/shared/laws")
FILES = {"治安管理处罚法（2012）": "治安管理处罚法(2012).md", "治安管理处罚法（2025）": "治安管理处罚法(2025).md"}
DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
# ids that carry only some of their paragraph's acts and bands (the paragraph bands them apart)
PART_OF_PARAGRAPH = {"zhian.89-1a", "zhian.89-1b", "zhian.89-2a", "zhian.89-2b"}
# ids whose paragraph punishes 依照前款的规定: their band numbers are checked against that paragraph
BY_REFERENCE = {
    "zhian.81-2": {"治安管理处罚法（2025） 第八十一条第二款": "治安管理处罚法（2025） 第八十一条第一款",
                   "治安管理处罚法（2012） 第六十九条第二款": "治安管理处罚法（2012） 第六十九条第一款"},
}
UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10000}


def cn_number(s: str) -> int:
    """'十五' -> 15, '一千' -> 1000, '二百' -> 200 (the forms the law uses)."""
    total, digit = 0, 0
    for ch in s:
        if ch in DIGITS:
            digit = DIGITS[ch]
        else:
            total += (digit or 1) * UNITS[ch]
            digit = 0
    return total + digit


def squash(s: str) -> str:
    return re.sub(r"\s+", "", s.replace("**", ""))


def articles(path: Path) -> dict[str, list[str]]:
    """{'第六十一条': [paragraph, ...]}: a paragraph's 项 lines are appended to it."""
    out: dict[str, list[str]] = {}
    current = None
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        m = re.match(r"^\**(第[一二三四五六七八九十百零]+条)\**[\s\u3000]*(.*)$", line)
        if m:
            current = m.group(1)
            out[current] = [squash(m.group(2))]
        elif current is None:
            continue
        elif line.startswith("（") and re.match(r"^（[一二三四五六七八九十]+）", line):
            out[current][-1] += squash(line)
        else:
            out[current].append(squash(line))
    return out


def paragraph(arts, basis: str) -> str | None:
    other = common.OTHER_BASIS.match(basis)
    if other and not other.group(1).startswith("治安管理处罚法"):
        if not common.law_file(other.group(1)).exists():
            return None
        paras = common.law_articles(other.group(1)).get(common.cn(other.group(2)))
        if paras is None:
            return None
        if other.group(3) is None:
            return paras[0] if len(paras) == 1 else None
        i = common.cn(other.group(3)) - 1
        return paras[i] if 0 <= i < len(paras) else None
    m = re.match(r"^(治安管理处罚法（\d{4}）) (第[一二三四五六七八九十百]+条)(?:第([一二三四五六七八九十]+)款)?$", basis)
    if not m:
        return None
    paras = arts[m.group(1)].get(m.group(2))
    if paras is None:
        return None
    if m.group(3) is None:
        return paras[0] if len(paras) == 1 else None
    i = cn_number(m.group(3)) - 1
    return paras[i] if 0 <= i < len(paras) else None


def band_numbers(bands) -> tuple[set, set]:
    days, yuan = set(), set()
    for b in bands:
        d = b.get("detention")
        if d:
            days.add(d["max"])
            if "min" in d:
                days.add(d["min"])
        f = b.get("fine")
        if f:
            for part in ([f] if "max" in f else f.values()):
                yuan.add(part["max"])
                if part.get("min"):
                    yuan.add(part["min"])
    return days, yuan


def text_numbers(text: str) -> tuple[set, set]:
    """Days and yuan the text states, Chinese numerals or Arabic (200元, 50万元)."""
    return common.numbers(text)


def check(path: Path) -> list[str]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    arts = {k: articles(LAWS / v) for k, v in FILES.items()}
    problems, seen = [], set()
    for v in data["violation"]:
        vid = v["id"]
        if vid in seen:
            problems.append(f"{vid}: duplicate id")
        seen.add(vid)
        for key in ("title", "authority", "seed", "regime", "keywords", "section", "acts"):
            if key not in v:
                problems.append(f"{vid}: missing {key}")
        common.check_dates(vid, v["version"], problems)
        for ver in v["version"]:
            basis = ver["basis"]
            if ver.get("punishable") is False:
                if "text" in ver or "bands" in ver:
                    problems.append(f"{vid} {basis}: punishable=false with text/bands")
                want = "治安管理处罚法（2025）" if ver["effective"]["from"] >= common.NEW["from"] else "治安管理处罚法（2012）"
                if basis != want:
                    problems.append(f"{vid} {basis}: punishable=false basis should be {want}")
                continue
            other = common.OTHER_BASIS.match(basis)
            if other and not other.group(1).startswith("治安管理处罚法"):
                start = common.IN_FORCE.get(other.group(1))
                if start is None:
                    problems.append(f"{vid} {basis}: no entry-into-force date in IN_FORCE")
                elif ver["effective"]["from"] < start[0]:
                    problems.append(f"{vid} {basis}: from {ver['effective']['from']} before {start[0]}")
                elif start[1] not in common.law_file(other.group(1)).read_text(encoding="utf-8"):
                    problems.append(f"{vid} {basis}: {start[1]!r} not in its law file")
            para = paragraph(arts, basis)
            if para is None:
                problems.append(f"{vid}: basis {basis} names no paragraph")
                continue
            if squash(ver["text"]) != para:
                problems.append(f"{vid} {basis}: text is not that paragraph verbatim")
            if "2025" in basis:
                for act in v["acts"]:
                    if squash(act) not in para:
                        problems.append(f"{vid}: act not in {basis}: {act}")
            for b in ver["bands"]:
                if "detention" in b and "fine" in b:
                    said = common.combination_in_text(ver["text"], b)
                    if "combination" not in b:
                        problems.append(f"{vid} {basis}: band {b['when']}: detention and fine without combination")
                    elif said and said != {b["combination"]}:
                        problems.append(f"{vid} {basis}: band {b['when']}: combination {b['combination']} but the text says {sorted(said)}")
            ref = BY_REFERENCE.get(vid, {}).get(basis)
            td, ty = text_numbers(paragraph(arts, ref) if ref else ver["text"])
            bd, by = band_numbers(ver["bands"])
            # a paragraph may band distinct acts apart (split ids): numbers must be a subset then
            if not (bd <= td and by <= ty):
                problems.append(f"{vid} {basis}: band numbers not in text: days {bd - td} yuan {by - ty}")
            if (td, ty) != (bd, by) and vid not in PART_OF_PARAGRAPH:
                problems.append(f"{vid} {basis}: text numbers {sorted(td)}/{sorted(ty)} vs bands {sorted(bd)}/{sorted(by)}")
    return problems


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else
                  Path(__file__).resolve().parents[1] / "schedules" / "penalties" / "zhian-4.toml")
    found = check(target)
    for p in found:
        print(p)
    print(f"{len(found)} problem(s)")
    sys.exit(1 if found else 0)
