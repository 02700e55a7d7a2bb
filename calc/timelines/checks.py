"""What an estimate is asked, checked before anything is counted: a refusal names the field and says
what the procedure allows (its stages, its variants, how far a stage may be extended), and nothing
is half-applied."""
from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Mapping, Sequence

from ..errors import InvalidInput
from ..periods import BEFORE, HOURS, DateRange
from .model import PREREQUISITE, Moment, Procedure, Renewal, Stage, StageInputs, Version, day_of

_UNIT_WORDS = {"days": "日", "months": "个月", "workdays": "个工作日", "years": "年", HOURS: "小时"}


def choose_version(proc: Procedure, start: Moment) -> Version:
    version = proc.version_on(day_of(start))
    if version is None:
        spans = "；".join(f"{v.label or proc.title}：{v.effective_from or '—'}至{v.effective_until or '今'}"
                         for v in proc.versions)
        raise InvalidInput(f"{day_of(start)} 时没有已收录的施行版本（已收录：{spans}）", field="start")
    return version


def check_headline(version: Version, stage_id: str | None):
    """The stage a caller wants the answer to lead with: one of the version's, with a day of its own."""
    if stage_id is None:
        return
    stage = version.stage(stage_id)
    if stage is None or stage.kind == PREREQUISITE:
        dated = [s.id for s in version.stages if s.kind != PREREQUISITE]
        raise InvalidInput(f"本程序没有可作为标题的阶段 {stage_id}（阶段编号：{'、'.join(dated)}）", field="headline")


def checked(version: Version, start: Moment, inputs: StageInputs, event: dt.date | None) -> StageInputs:
    """`inputs` as the chain counts them (a day stage's actual moment taken as its day), or the
    refusal of the first thing wrong, in the order the fields are listed."""
    _check_start(version, start)
    _check_stage_ids(version, inputs)
    _check_actual(version, inputs.actual)
    _check_pauses(version, inputs.pauses)
    _check_extensions(version, inputs.extensions, inputs.variants)
    _check_variants(version, inputs.variants)
    if event is not None and not any(s.anchor == "event" for s in version.stages):
        raise InvalidInput("本程序没有以 event 为基准的阶段", field="event")
    actual = _days_of_day_stages(version, inputs.actual)
    _check_restarts(version, inputs.restarts)
    _check_durations(version, inputs.durations)
    return replace(inputs, actual=actual)


def _check_start(version: Version, start: Moment):
    if version.hours and not isinstance(start, dt.datetime):
        raise InvalidInput("以小时计算的程序，start 须为日期时间，如 2026-02-16T20:30", field="start")
    if not version.hours and isinstance(start, dt.datetime):
        raise InvalidInput("本程序以日计算，start 应为日期（YYYY-MM-DD）", field="start")


def _check_stage_ids(version: Version, inputs: StageInputs):
    ids = [s.id for s in version.stages]
    for name in ("actual", "pauses", "extensions", "variants"):
        for sid in getattr(inputs, name):
            if sid not in ids:
                raise InvalidInput(f"本程序没有阶段 {sid}（阶段编号：{'、'.join(ids)}）", field=f"{name}.{sid}")


def _check_actual(version: Version, actual: Mapping[str, Moment]):
    for sid, moment in actual.items():
        if version.hours and not version.stage(sid).hours:
            continue  # a day stage of a procedure that also counts hours: its day is taken
        if version.hours != isinstance(moment, dt.datetime):
            need = "日期时间" if version.hours else "日期（YYYY-MM-DD）"
            raise InvalidInput(f"实际日期应为{need}", field=f"actual.{sid}")


def _check_pauses(version: Version, pauses: Mapping[str, Sequence[DateRange]]):
    for sid, ranges in pauses.items():
        stage = version.stage(sid)
        if ranges and stage.pauses is None:
            raise InvalidInput(f"阶段「{stage.title}」依法没有不计入期间的规定", field=f"pauses.{sid}")
        for i, r in enumerate(ranges):
            if r.end < r.start:
                raise InvalidInput("结束日不能早于开始日", field=f"pauses.{sid}[{i}].end")


def _check_extensions(version: Version, extensions: Mapping[str, bool | int], variants: Mapping[str, str]):
    for sid, wanted in extensions.items():
        stage = version.stage(sid)
        code = variants.get(sid)
        variant = stage.variant(code) if code else None
        rule = variant.extension if variant else stage.extension
        if wanted is False:
            continue
        if stage.renewals and variant is None:
            renewal_plan(stage, wanted, f"extensions.{sid}")
            continue
        if rule is None:
            raise InvalidInput(f"阶段「{stage.title}」依法不能延长", field=f"extensions.{sid}")
        if wanted is not True and (isinstance(wanted, bool) or not isinstance(wanted, int)
                                   or not 1 <= wanted <= rule.most):
            raise InvalidInput(f"延长量应为 true 或 1 至 {rule.most} 之间的整数（{rule.period.unit}）",
                               field=f"extensions.{sid}")


def _check_variants(version: Version, variants: Mapping[str, str]):
    for sid, code in variants.items():
        stage = version.stage(sid)
        if stage.variant(code) is None:
            codes = "、".join(v.code for v in stage.variants) or "无"
            raise InvalidInput(f"阶段「{stage.title}」没有情形 {code}（可用：{codes}）", field=f"variants.{sid}")


def _days_of_day_stages(version: Version, actual: Mapping[str, Moment]) -> dict[str, Moment]:
    """A day stage is decided on a day (刑事诉讼法 第一百零五条): a moment given for it counts as its date."""
    out = dict(actual)
    for sid, moment in out.items():
        if isinstance(moment, dt.datetime) and not version.stage(sid).hours:
            out[sid] = moment.date()
    return out


def _check_restarts(version: Version, restarts: Mapping[str, dt.date]):
    ids = "、".join(s.id for s in version.stages)
    for sid, day in restarts.items():
        stage = version.stage(sid)
        if stage is None:
            raise InvalidInput(f"本程序没有阶段 {sid}（阶段：{ids}）", field=f"restarts.{sid}")
        if stage.restart is None:
            raise InvalidInput(f"阶段 {sid} 依法没有重新计算期限的规定", field=f"restarts.{sid}")
        if not isinstance(day, dt.date) or isinstance(day, dt.datetime):
            raise InvalidInput("重新计算的起算日应为日期（YYYY-MM-DD）", field=f"restarts.{sid}")


def _check_durations(version: Version, durations: Mapping[str, int]):
    ids = "、".join(s.id for s in version.stages)
    for sid, n in durations.items():
        stage = version.stage(sid)
        if stage is None:
            raise InvalidInput(f"本程序没有阶段 {sid}（阶段：{ids}）", field=f"durations.{sid}")
        if stage.decided_amount is None:
            raise InvalidInput(f"阶段 {sid} 的期间由法律规定，不能另行指定", field=f"durations.{sid}")
        if isinstance(n, bool) or not isinstance(n, int) or not 1 <= n <= stage.span.amount:
            raise InvalidInput(f"{stage.decided_amount.what}应为 1 至 {stage.span.amount} 之间的整数"
                               f"（{stage.decided_amount.basis}）", field=f"durations.{sid}")


def check_decided(stage: Stage, begin: Moment, decided: Moment | None):
    """An actual date before its stage's start (after its anchor, for a backward one) is a mistake."""
    if decided is None:
        return
    if isinstance(decided, dt.datetime) != isinstance(begin, dt.datetime):
        decided, begin = day_of(decided), day_of(begin)  # a day stage of a procedure that counts hours
    if stage.span is not None and stage.span.direction == BEFORE:
        if decided > begin:
            raise InvalidInput(f"实际日期 {decided} 晚于本阶段的基准日 {begin}", field=f"actual.{stage.id}")
    elif decided < begin:
        raise InvalidInput(f"实际日期 {decided} 早于本阶段的起算日 {begin}", field=f"actual.{stage.id}")


def renewal_plan(stage: Stage, wanted: bool | int, field_name: str) -> list[tuple[Renewal, int]]:
    """The links of the chain that `wanted` units use, in the law's order: `true` all of them; a
    number must end within one link's range (e.g. 1, 3 or 5 months for 侦查羁押), since each
    extension is approved whole before the next may be asked for."""
    chain = stage.renewals
    if wanted is True:
        return [(r, r.period.amount) for r in chain]
    valid = not isinstance(wanted, bool) and isinstance(wanted, int) and wanted >= 1
    plan, left = [], wanted if valid else -1
    for r in chain:
        if left <= 0 or left < r.least:
            break
        take = min(left, r.period.amount)
        plan.append((r, take))
        left -= take
        if take < r.period.amount:
            break
    if left != 0:
        raise _beyond_renewals(stage, field_name)
    return plan


def _beyond_renewals(stage: Stage, field_name: str) -> InvalidInput:
    unit = _UNIT_WORDS[stage.span.unit]
    allowed, total = [], 0
    for r in stage.renewals:
        most = r.period.amount
        allowed.append(f"{total + r.least}" if r.least == most else f"{total + r.least}至{total + most}")
        total += most
    return InvalidInput(f"阶段 {stage.id} 依法可延长{'、'.join(allowed)}{unit}（逐次批准，"
                        f"共计至多{total}{unit}），或 true", field=field_name)
