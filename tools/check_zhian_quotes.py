"""Check the 治安管理处罚法 catalogue files (schedules/penalties/zhian-*.toml) against the law texts.

Why: the catalogue quotes both texts verbatim and copies their numbers into bands; the loader can
check shapes, but only the texts can say a quote or a number is right. This script asserts, for
each file given (default: every schedules/penalties/zhian-*.toml):

- the file parses (tomllib) and every violation id is unique across schedules/penalties/*.toml;
- each version's `text` occurs, whitespace and markdown aside, inside the article (and paragraph,
  when the basis names one) that its `basis` names, in the law file of that version;
- `basis` is spelled as the format fixes it, with a paragraph number exactly when the article has
  more than one paragraph (unless the text spans several paragraphs);
- each `acts` item occurs in the 2025 version's text;
- effective dates are the two fixed ones; `punishable = false` versions have no text or bands;
- bands: known `when` codes (or defined in the file), no code twice, `combination` present exactly
  when a band has both detention and fine, min <= max;
- the numbers: the set of day counts (…日) and yuan amounts (…元) written in the text equals the
  set of numbers in the bands (a warning, not a proof: it catches a typed 十 for 十五);
- `combination` is the text's own connector: "处…拘留或者…罚款" = "or", "…拘留，并处…罚款" = "and",
  "…拘留，可以并处…罚款" = "and_optional" (found by the band's own numbers written back as the text
  writes them; a band whose phrase is not found, e.g. one set by reference, is not judged);
- versions of another law (e.g. "禁毒法（2007） 第六十一条", where the 治安管理处罚法 of that side did not
  punish the act but that law did): the text is checked against ../shared/laws/<short name>(<year>).md,
  article and paragraph as for the 治安 texts, and the version may not start before that law came into
  force (IN_FORCE: the date as the law file states it, checked to appear in the file);
- a violation's versions follow each other without gap or overlap from 2006-03-01 and the last is open.

Run: python3 tools/check_zhian_quotes.py [files...]   (exit status 1 on any problem)
"""

from __future__ import annotations

import datetime as dt
import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LAWS = Path("/work/shared/laws")
if not LAWS.exists():  # the checkout's sibling, as GUIDE.md names it
    LAWS = ROOT.parent / "shared" / "laws"
FILES = {"2012": LAWS / "治安管理处罚法(2012).md", "2025": LAWS / "治安管理处罚法(2025).md"}
CODES = {"base", "serious", "minor", "repeated", "not_corrected", "crime", "gang",
         "vulnerable_victim", "many_victims", "organizer", "coerced"}
COMBINATIONS = {"and", "and_optional", "or"}
OLD = {"from": dt.date(2006, 3, 1), "until": dt.date(2025, 12, 31)}
NEW = {"from": dt.date(2026, 1, 1)}

# Other laws a version may cite: "<short name>（<year>）" -> ../shared/laws/<short name>(<year>).md, with the
# day it came into force as the file states it (the string must occur in the file).
IN_FORCE = {
    "禁毒法（2007）": (dt.date(2008, 6, 1), "本法自2008年6月1日起施行"),
    "出境入境管理法（2012）": (dt.date(2013, 7, 1), "本法自2013年7月1日起施行"),
    "居民身份证法（2011）": (dt.date(2004, 1, 1), "本法自2004年1月1日起施行"),
    "居住证暂行条例（2015）": (dt.date(2016, 1, 1), "本条例自2016年1月1日起施行"),
    "旅馆业治安管理办法（2020）": (dt.date(1987, 11, 10), "1987年11月10日 公安部发布"),
    "禁止传销条例（2005）": (dt.date(2005, 11, 1), "本条例自2005年11月1日起施行"),
}
OTHER_BASIS = re.compile(r"^(\S+?（\d{4}）) 第([一二三四五六七八九十百]+)条(?:第([一二三四五六七八九十]+)款)?$")
ITEM = re.compile(r"^[（(][一二三四五六七八九十]+[）)]")

DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10000}


def cn(s: str) -> int:
    """A Chinese numeral as the laws write them (十五, 二百, 一千, 五千, 一百一十九)."""
    total, digit = 0, None
    for ch in s:
        if ch in DIGITS:
            digit = DIGITS[ch]
        elif ch == "万":  # 十万, 五十万: 万 multiplies all that precedes it
            total = (total + (digit or 0)) * 10000
            digit = None
        else:
            total += (1 if digit is None else digit) * UNITS[ch]
            digit = None
    return total + (digit or 0)


def squash(s: str) -> str:
    return re.sub(r"\s+|\*\*|^#+", "", s, flags=re.M)


def parse_articles(path: Path, marker: re.Pattern, section_ends: tuple[str, ...],
                   item: re.Pattern) -> dict[int, list[str]]:
    """{article number: [paragraph, ...]} of a law file, each paragraph squashed, with its 项
    (lines matching `item`) appended; a heading or a line starting with `section_ends` closes it."""
    out: dict[int, list[str]] = {}
    current = None
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line:
            continue
        m = marker.match(line)
        if m:
            current = out.setdefault(cn(m.group(1)), [])
            current.append(squash(m.group(2)))
        elif line.startswith(section_ends):
            current = None
        elif current is not None:
            if item.match(line):
                current[-1] += squash(line)
            else:
                current.append(squash(line))
    return out


def articles(year: str) -> dict[int, list[str]]:
    """The 治安管理处罚法 text of `year` (the 2025 file marks its articles in bold)."""
    marker = (re.compile(r"^\*\*第([一二三四五六七八九十百零]+)条\*\*\s*(.*)$") if year == "2025"
              else re.compile(r"^第([一二三四五六七八九十百零]+)条\s+(.*)$"))
    return parse_articles(FILES[year], marker, ("#", "---"), re.compile(r"^（[一二三四五六七八九十]+）"))


ARTICLES = {y: articles(y) for y in FILES}
_OTHER: dict[str, dict[int, list[str]]] = {}


def with_short_bases(name: str, data: dict) -> dict:
    """Each version's and band's structured basis (calc/citations.py) as its short text, read the way
    the service reads it, so that the checks below see "治安管理处罚法（2025） 第五十一条第一款"."""
    sys.path.insert(0, str(ROOT))
    from calc.laws import bundled
    from calc.nodes import Node, Source

    source = Source(name, data, laws=bundled())
    for i, vi in enumerate(data.get("violation", [])):
        for j, v in enumerate(vi.get("version", [])):
            node = Node(source, f"violation[{i}].version[{j}]", v)
            version = node.basis()
            for k, band in enumerate(v.get("bands", [])):
                if "basis" in band:
                    band["basis"] = str(Node(source, f"{node.key}.bands[{k}]", band).basis(inherit=version))
            v["basis"] = str(version)
    return data


def law_file(name: str) -> Path:
    """"禁毒法（2007）" -> ../shared/laws/禁毒法(2007).md"""
    m = re.match(r"^(.+)（(\d{4})）$", name)
    return LAWS / f"{m.group(1)}({m.group(2)}).md" if m else LAWS / "-"


def law_articles(name: str) -> dict[int, list[str]]:
    """Another law's file (LawRefBook layout: "第X条 text", 项 lines "（一）…" or "(一)…")."""
    if name not in _OTHER:
        _OTHER[name] = parse_articles(law_file(name), re.compile(r"^第([一二三四五六七八九十百零]+)条[\s\u3000]+(.*)$"),
                                      ("#", "<!--"), ITEM)
    return _OTHER[name]


BASIS = re.compile(r"^治安管理处罚法（(2012|2025)） 第([一二三四五六七八九十百]+)条(?:第([一二三四五六七八九十]+)款)?$")
NUM = "[零一二两三四五六七八九十百千万]+"


def amount(s: str) -> int:
    """'十五' -> 15, '200' -> 200, '50万' -> 500000, '1万' -> 10000."""
    m = re.fullmatch(r"(\d+)(万?)", s)
    if m:
        return int(m.group(1)) * (10000 if m.group(2) else 1)
    return cn(s)


def numbers(text: str) -> tuple[set[int], set[int]]:
    token = rf"(\d+万?|{NUM})"
    days = {amount(m) for m in re.findall(token + "日", text)}
    yuan = {amount(m) for m in re.findall(token + "元", text)}
    return days, yuan


def band_numbers(bands: list[dict]) -> tuple[set[int], set[int]]:
    days, yuan = set(), set()
    for b in bands:
        d = b.get("detention")
        if d:
            days.add(d["max"])
            if "min" in d:
                days.add(d["min"])
        f = b.get("fine")
        if f:
            for part in (f.values() if "individual" in f else [f]):
                yuan.add(part["max"])
                if part.get("min"):
                    yuan.add(part["min"])
    return days, yuan


def check_version(vid: str, v: dict, codes: set[str], problems: list[str], warnings: list[str]):
    where = f"{vid} {v.get('basis')}"
    eff = v["effective"]
    other = OTHER_BASIS.match(v.get("basis", ""))
    if other and not other.group(1).startswith("治安管理处罚法"):
        check_other(where, v, other, codes, problems, warnings)
        return
    within_old = OLD["from"] <= eff["from"] and "until" in eff and eff["until"] <= OLD["until"]
    year = "2025" if eff == NEW else "2012" if within_old else None
    if year is None:
        problems.append(f"{where}: effective {eff} is neither within the 2012 range nor the 2025 one")
        return
    if v.get("punishable") is False:
        if set(v) != {"effective", "basis", "punishable"}:
            problems.append(f"{where}: punishable = false with other keys {sorted(v)}")
        if v["basis"] != f"治安管理处罚法（{year}）":
            problems.append(f"{where}: punishable = false basis should be 治安管理处罚法（{year}）")
        return
    m = BASIS.match(v["basis"])
    if not m or m.group(1) != year:
        problems.append(f"{where}: basis spelled wrong or wrong year for its dates")
        return
    art = ARTICLES[year].get(cn(m.group(2)))
    if art is None:
        problems.append(f"{where}: no such article in the {year} file")
        return
    text = v.get("text", "")
    if text != text.strip() or re.search(r"\s|\*", text):
        problems.append(f"{where}: text has whitespace or markdown")
    check_quote(where, art, text, m.group(3), problems, one_paragraph=True)
    check_bands(where, v, codes, problems, warnings)


def check_quote(where: str, art: list[str], text: str, paragraph: str | None, problems: list[str],
                one_paragraph: bool = False):
    """The quote is verbatim in the paragraph its basis names, or in the article where it names
    none (then it must not lie within one paragraph of several: the basis should name it).
    `one_paragraph`: also refuse a paragraph named in an article that has only one."""
    t = squash(text)
    if paragraph:
        k = cn(paragraph)
        if one_paragraph and len(art) < 2:
            problems.append(f"{where}: article has one paragraph, basis names a paragraph")
        scope = art[k - 1] if k <= len(art) else ""
    else:
        scope = "".join(art)
        if len(art) > 1 and any(t in p for p in art):
            problems.append(f"{where}: article has {len(art)} paragraphs and the text is within one: name it")
    if not t or t not in scope:
        problems.append(f"{where}: text not found verbatim in that article/paragraph")


def check_other(where: str, v: dict, m: re.Match, codes: set[str], problems: list[str], warnings: list[str]):
    """A version under another law: its file, its date of entry into force, the quote, the bands."""
    name = m.group(1)
    if not law_file(name).exists():
        problems.append(f"{where}: no law file {law_file(name).name} in {LAWS}")
        return
    start = IN_FORCE.get(name)
    if start is None:
        problems.append(f"{where}: {name} has no entry-into-force date in IN_FORCE")
    else:
        if start[1] not in law_file(name).read_text(encoding="utf-8"):
            problems.append(f"{where}: {start[1]!r} not in {law_file(name).name}")
        if v["effective"]["from"] < start[0]:
            problems.append(f"{where}: from {v['effective']['from']} before {name} came into force ({start[0]})")
    if v.get("punishable") is False or "text" not in v:
        problems.append(f"{where}: another law's version needs text and bands")
        return
    art = law_articles(name).get(cn(m.group(2)))
    if art is None:
        problems.append(f"{where}: no such article in {law_file(name).name}")
        return
    check_quote(where, art, v["text"], m.group(3), problems)
    check_bands(where, v, codes, problems, warnings)


CN_SMALL = "一二三四五六七八九"


def cn_write(n: int) -> str:
    """15 -> 十五, 1000 -> 一千, 20000 -> 二万, 500 -> 五百 (the forms the texts use for band numbers)."""
    if n < 10:
        return CN_SMALL[n - 1]
    if n < 20:
        return "十" + (CN_SMALL[n - 11] if n > 10 else "")
    for unit, ch in ((10000, "万"), (1000, "千"), (100, "百"), (10, "十")):
        if n % unit == 0 and n // unit < 10:
            return CN_SMALL[n // unit - 1] + ch
    if n % 10000 == 0:
        return cn_write(n // 10000) + "万"
    return str(n)


CONNECTORS = {"或者": "or", "，并处": "and", "，可以并处": "and_optional"}


def combination_in_text(text: str, band: dict) -> set[str]:
    """The connectors the text puts between this band's detention and its fine."""
    d, f = band["detention"], band["fine"]
    if "individual" in f:
        return set()
    det = "处" + (f"{cn_write(d['min'])}日以上" if d.get("min") else "") + f"{cn_write(d['max'])}日以下拘留"
    fines = []
    for write in (cn_write, str):
        fines.append((f"{write(f['min'])}元以上" if f.get("min") else "") + f"{write(f['max'])}元以下")
        if f.get("min") == f["max"]:
            fines.append(f"{write(f['max'])}元")
    found = set()
    for conn, code in CONNECTORS.items():
        for fp in fines:
            if re.search(re.escape(det + conn) + r"[^；。]{0,3}?" + re.escape(fp), text):
                found.add(code)
    return found


def check_dates(vid: str, versions: list[dict], problems: list[str]):
    """From 2006-03-01, each version starting the day after the previous one ends, the last open."""
    if not versions:
        problems.append(f"{vid}: no versions")
        return
    if versions[0]["effective"]["from"] != OLD["from"]:
        problems.append(f"{vid}: first version does not start {OLD['from']}")
    for a, b in zip(versions, versions[1:]):
        end = a["effective"].get("until")
        if end is None or end + dt.timedelta(days=1) != b["effective"]["from"]:
            problems.append(f"{vid}: gap or overlap between {a['basis']} and {b['basis']}")
    if "until" in versions[-1]["effective"]:
        problems.append(f"{vid}: last version has an end date")
    if not any(v["effective"] == NEW or v["effective"]["from"] >= NEW["from"] for v in versions):
        problems.append(f"{vid}: no version from {NEW['from']}")


def check_bands(where: str, v: dict, codes: set[str], problems: list[str], warnings: list[str]):
    text = v.get("text", "")
    bands = v.get("bands", [])
    if not bands:
        problems.append(f"{where}: no bands")
    seen = set()
    for b in bands:
        w = b.get("when")
        if w not in codes:
            problems.append(f"{where}: unknown when {w!r}")
        if w in seen:
            problems.append(f"{where}: when {w} twice")
        seen.add(w)
        if w == "base" and b.get("replaces_base"):
            problems.append(f"{where}: base cannot replace_base")
        has_both = "detention" in b and "fine" in b
        if has_both != ("combination" in b):
            problems.append(f"{where}: band {w}: combination {'missing' if has_both else 'without detention+fine'}")
        if "combination" in b and b["combination"] not in COMBINATIONS:
            problems.append(f"{where}: band {w}: combination {b['combination']!r}")
        if has_both and "combination" in b:
            said = combination_in_text(text, b)
            if said and said != {b["combination"]}:
                problems.append(f"{where}: band {w}: combination {b['combination']} but the text says {sorted(said)}")
        if "fine_optional" in b:
            problems.append(f"{where}: band {w}: fine_optional (use combination)")
        d = b.get("detention")
        if d and not (1 <= d.get("min", 1) <= d["max"] <= 15):
            problems.append(f"{where}: band {w}: detention {d}")
        f = b.get("fine")
        if f:
            for part in (f.values() if "individual" in f else [f]):
                if not (0 <= part.get("min", 0) <= part["max"]):
                    problems.append(f"{where}: band {w}: fine {part}")
    td, ty = numbers(text)
    bd, by = band_numbers(bands)
    bd.discard(1)  # the default minimum is not written in the text
    if td != bd or ty != by:
        warnings.append(f"{where}: text days {sorted(td)} yuan {sorted(ty)} vs bands days {sorted(bd)} yuan {sorted(by)}")


def main(paths: list[str]) -> int:
    files = [Path(p) for p in paths] or sorted((ROOT / "schedules/penalties").glob("zhian-*.toml"))
    problems: list[str] = []
    warnings: list[str] = []
    ids: dict[str, str] = {}
    for other in sorted((ROOT / "schedules/penalties").glob("*.toml")):
        for vi in tomllib.loads(other.read_text(encoding="utf-8")).get("violation", []):
            if vi["id"] in ids:
                problems.append(f"id {vi['id']} in {ids[vi['id']]} and {other.name}")
            ids[vi["id"]] = other.name
    count = 0
    for f in files:
        data = with_short_bases(f.name, tomllib.loads(f.read_text(encoding="utf-8")))
        codes = CODES | {c["code"] for c in data.get("circumstance", [])}
        for vi in data.get("violation", []):
            count += 1
            vid = vi["id"]
            if not re.match(r"^zhian\.(\d+-\d+[a-z]?|2012-\d+-\d+)$", vid):
                problems.append(f"{vid}: id form")
            for key in ("title", "authority", "seed", "regime", "keywords", "section", "acts", "version"):
                if key not in vi:
                    problems.append(f"{vid}: missing {key}")
            versions = vi.get("version", [])
            check_dates(vid, versions, problems)
            new = [v for v in versions if v["effective"] == NEW and "text" in v
                   and v["basis"].startswith("治安管理处罚法（2025）")]
            for act in vi.get("acts", []):
                if not new or act not in new[0]["text"]:
                    problems.append(f"{vid}: act {act[:20]}… not in the 2025 text")
            if new and re.search(r"（一）", new[0]["text"]) and not vi.get("acts"):
                problems.append(f"{vid}: the 2025 text has 项 but acts is empty")
            if any(v.get("punishable") is False for v in versions) and not vi.get("correspondence"):
                problems.append(f"{vid}: punishable = false without a correspondence note")
            for v in versions:
                check_version(vid, v, codes, problems, warnings)
        print(f"{f.name}: {len(data.get('violation', []))} violations")
    for w in warnings:
        print("WARNING", w)
    for p in problems:
        print("PROBLEM", p)
    print(f"{count} violations, {len(problems)} problems, {len(warnings)} number warnings")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
