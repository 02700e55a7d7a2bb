"""Inspection regimes (事中事后监督管理制度, 责任清单 四（一）至（十一）): plan and compliance.

A regime has requirements; each owes, per calendar window (month, quarter, year) or per event or
case, at least `times` inspections of at least so many units (a fixed number, every unit, or a share
of a population rounded up), with at least `officers` officers. Every number is data
(`schedules/inspections/`), and a request may override any of them: the seed says targets handed
down by a superior authority prevail (以上级下达监督检查指标为准).

What an answer says is data too (`schedules/inspections/texts.toml`, `Texts`): each step carries
the code of its text (`Step.code`), and no code here reads the words.

The package, one idea a module: `model` (the dataclasses and the arithmetic of shares), `texts`
(what answers say, by code), `targets` (a superior's targets and the population), `windows` (the
plan: windows and their due dates), `log` (a log judged against the plan), `load` (the schedules).
"""
from __future__ import annotations

from .load import KEYS, LAYERED, load
from .log import compliance
from .model import (CALENDAR_WINDOWS, COVERAGES, NEEDS_POPULATION, OVERRIDABLE, TRIGGERED, WINDOWS, Compliance,
                    Discounted, Entry, Inspections, Plan, Regime, Requirement, TriggeredResult, Window, WindowResult,
                    share_of, to_share)
from .targets import apply_overrides, population_for
from .texts import TEXTS, WORDS, Text, Texts
from .windows import MAX_YEARS, calendar_windows, check_period, plan

__all__ = ["CALENDAR_WINDOWS", "COVERAGES", "KEYS", "LAYERED", "MAX_YEARS", "NEEDS_POPULATION", "OVERRIDABLE",
           "TEXTS", "TRIGGERED", "WINDOWS", "WORDS", "Compliance", "Discounted", "Entry", "Inspections", "Plan",
           "Regime", "Requirement", "Text", "Texts", "TriggeredResult", "Window", "WindowResult", "apply_overrides",
           "calendar_windows", "check_period", "compliance", "load", "plan", "population_for", "share_of",
           "to_share"]
