"""The Chinese words the front ends (calc/cli.py, calc/web/) show for the domain's codes: one
table, so that the command line and the page never name the same status two ways.

The stage statuses say 逾期, not 超期 (the web page had 超期办结 / 已超期, the CLI 逾期办结 / 已逾期):
逾期 is the laws' own word for a time limit run out — 行政许可法 第三十二条第一款第（四）项 "逾期不告知的"、
第五十条 "逾期未作决定的"，行政复议法、行政强制法、行政诉讼法 the same — and no law text the schedules
cite (shared/laws/) uses 超期. A decided stage is 已办结, the word 逾期办结 goes with (the CLI's 已决定
fits a decision stage only; the certificate or delivery stages are done, not decided).
"""
from __future__ import annotations

# calc.timelines: a stage's status.
STAGE_STATUS = {"open": "未办结", "decided": "已办结", "late": "逾期办结", "overdue": "已逾期"}

# calc.penalties: whether a procedural fact (simplified procedure, on-the-spot collection, hearing) applies.
# "depends" turns on the penalty decided, not only on its amount: a band of 拘留或者罚款 is on the spot only
# if no detention is decided (治安管理处罚法（2025） 第一百一十九条 "处警告或者五百元以下罚款的").
FACT_STATUS = {"yes": "是", "no": "否", "depends": "视所作决定而定", "unknown": "未收录"}
