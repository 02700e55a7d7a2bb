"""Citations read back out of a basis's text (the article numbers a violation cites, for the lookup
by law and article).
"""
from __future__ import annotations

import re

NUMERALS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
ARTICLE = re.compile(r"第([零〇一二两三四五六七八九十百千]+)条")


def chinese_number(text: str) -> int:
    """"一百零九" -> 109, "五十一" -> 51, "十六" -> 16: the article numbers of a basis."""
    total, digit = 0, 0
    for ch in text:
        if ch in NUMERALS:
            digit = NUMERALS[ch]
        else:
            unit = {"十": 10, "百": 100, "千": 1000}[ch]
            total += (digit or 1) * unit
            digit = 0
    return total + digit


def cited_articles(basis: str) -> list[tuple[str, set[int]]]:
    """(law, article numbers) for each "；"-separated part of a basis: "治安管理处罚法（2012）
    第四十九条" -> [("治安管理处罚法（2012）", {49})]. A part without a law name (";第八十五条")
    belongs to the law before it."""
    out: list[tuple[str, set[int]]] = []
    law = ""
    for part in re.split(r"[；;]", basis):
        part = part.strip()
        if not part:
            continue
        head = part.split(" ", 1)[0] if not part.startswith("第") else ""
        law = head or law
        numbers = {chinese_number(m) for m in ARTICLE.findall(part)}
        out.append((law, numbers))
    return out
