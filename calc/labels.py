"""The Chinese words the front ends (calc/cli/, calc/web/) show for the domain's codes: one
table, so that the command line and the page never name the same status two ways.

The stage statuses say 逾期, not 超期 (the web page had 超期办结 / 已超期, the CLI 逾期办结 / 已逾期):
逾期 is the laws' own word for a time limit run out — 行政许可法 第三十二条第一款第（四）项 "逾期不告知的"、
第五十条 "逾期未作决定的"，行政复议法、行政强制法、行政诉讼法 the same — and no law text the schedules
cite (shared/laws/) uses 超期. A decided stage is 已办结, the word 逾期办结 goes with (the CLI's 已决定
fits a decision stage only; the certificate or delivery stages are done, not decided).

Where the CLI and a page said one thing two ways, the page's words were kept, except where a test
pins the CLI's: the version choice (tests/test_cli.py "决定时的规定较轻，从轻适用"), the procedural
facts ("听证：否"), 调休上班日 ("调休上班日（国庆节）") and the threshold verdict ("达到标准"; the
page's heading about the conditions, "标准条件：全部满足", is pinned by tests/test_web.py and kept
beside it).
"""
from __future__ import annotations

# calc.timelines: a stage's status.
STAGE_STATUS = {"open": "未办结", "decided": "已办结", "late": "逾期办结", "overdue": "已逾期"}

# calc.penalties: whether a procedural fact (simplified procedure, on-the-spot collection, hearing) applies.
# "depends" turns on the penalty decided, not only on its amount: a band of 拘留或者罚款 is on the spot only
# if no detention is decided (治安管理处罚法（2025） 第一百一十九条 "处警告或者五百元以下罚款的").
FACT_STATUS = {"yes": "是", "no": "否", "depends": "视所作决定而定", "unknown": "未收录"}

# calc.penalties: the procedural facts an assessment answers.
FACT_TITLES = {"simplified": "当场处罚（简易程序）", "collection": "当场收缴罚款", "hearing": "听证"}

# calc.penalties: whether a general rule (从轻、减轻、不执行拘留 …) applies.
GENERAL_STATUS = {"yes": "是", "no": "否", "depends": "视案情而定"}

# calc.penalties: which version applies (从旧兼从轻) and why.
CHOICE_RULES = {"same": "行为时与决定时的规定相同", "act_time": "适用行为时的规定（从旧）",
                "decision_time_lighter": "决定时的规定较轻，从轻适用", "repealed": "决定时该规定已失效，不予处罚"}

# calc.penalties: what decided the comparison of two versions.
DECIDED_BY = {"not_punishable": "是否认为违法", "heaviest": "可能的最重处罚", "lightest": "可能的最轻处罚",
              "alternative": "可以替代拘留的罚款", "equal": "最重、最轻处罚均相同"}

# calc.thresholds: the verdict, the conditions, and each test.
THRESHOLD_MET = {True: "达到标准", False: "未达到标准"}
CONDITIONS_MET = {True: "全部满足", False: "未全部满足"}
TEST_HOLDS = {True: "符合", False: "不符合"}

# calc.workcal: what kind of day a date is ("unknown": a year the calendar does not cover).
DAY_KINDS = {"workday": "工作日", "weekend": "休息日", "holiday": "节假日", "makeup_workday": "调休上班日",
             "unknown": "放假安排尚未收录"}

# calc.periods: a period's unit and direction, as a person chooses them.
UNITS = {"workdays": "个工作日", "days": "日（自然日）", "months": "个月", "years": "年"}
DIRECTIONS = {"after": "自起算日向后计算（届满日）", "before": "自某日向前计算（最迟应在此前）"}

# calc.inspections: how often a requirement is owed.
INSPECTION_WINDOWS = {"month": "每月", "quarter": "每季度", "year": "每年", "period": "整个期间", "event": "每次活动",
                      "case": "每起案件/投诉"}

# calc.responsibilities: the kinds of entry in the list of duties.
RESPONSIBILITY_KINDS = {"duty": "具体工作事项", "case-category": "刑事案件类别", "boundary": "与其他部门的职责边界"}

# calc.schedules: what a layer of schedules is.
LAYER_KINDS = {"bundled": "随附", "base": "基础", "overlay": "覆盖"}

# A time limit past the published holiday notices, estimated by the 放假办法 (calc/workcal.py): what the
# timelines page and `calc timeline` say of the estimate. GAP is the API's words for people (calc/errors.py
# CalendarGap: …安排尚未收录); the page marks the completion range's dates with <time>, the CLI does not.
GAP = "本系统尚未收录{year}年的国务院节假日安排"
ESTIMATED = {
    "gap": GAP + "，以下按《全国年节及纪念日放假办法》推定法定节假日（不含调休上班日），标注“推定”的日期在该年安排收录后可能提前或推后。",
    "asked": "本系统尚未收录所涉年份的国务院节假日安排，按法定节假日推定，不含调休。",
    "completion_range": "按该年实际安排，全部办结最迟日可能在 {first} 至 {last} 之间。",
    "stage_range": "推定；可能在 {first} 至 {last} 之间",
    "beyond": GAP + "，且超出按《全国年节及纪念日放假办法》推定的年份，无法推算；请改用更早的起算日，或待该年安排发布后再算。",
}

# calc.traffic: whether an act may be decided on the spot (道路交通安全法 第一百零七条), which text sets the
# fine, a points entry's place in the cycle, the exams after 12 points (记分管理办法 第二十一条、第二十二条, their
# words), whether a 审验 is owed after the cycle.
TRAFFIC_SPOT = {"yes": "可以当场处罚", "no": "不能当场处罚", "depends": "视决定的处罚而定"}
TRAFFIC_FINE_SOURCE = {"hebei": "河北省具体标准", "national": "国家规定的幅度"}
TRAFFIC_ENTRY = {"counted": "计入本周期", "carried": "上一周期罚款未缴纳，转入本周期", "outside": "不在本周期"}
TRAFFIC_EXAMS = {"knowledge": "道路交通安全法律、法规和相关知识考试", "road": "道路驾驶技能考试",
                 "field": "场地驾驶技能考试"}
TRAFFIC_REVIEW = {True: "须审验", False: "不需本周期后审验", None: "无从判断"}

# The citation block (calc/answers/citing.py): the label of a line that is not the penalty itself.
CITATION_LABELS = {"choice": "从旧兼从轻"}

# calc.timelines: how the calendars mark a stage's day, by the stage's kind (a term or an eligibility
# runs to its day; a deadline is the latest day).
DUE_MARKS = {"deadline": "最迟", "term": "届满", "eligible": "届满"}

# A version of a rule (calc.penalties): the tag the penalty page puts on the one in force, the word
# `calc penalty` says after a version that runs on.
IN_FORCE = "现行有效"
