"""The domain's own refusals. The adapter maps each to an HTTP status; nothing here knows HTTP."""
import difflib


class DomainError(Exception):
    """A request the domain understood and refuses, with a stable machine `reason`."""

    reason = "invalid"

    def __init__(self, message: str, *, field: str | None = None, plain: str | None = None, **details):
        super().__init__(message)
        self.message = message
        self.field = field
        # The same refusal without the API's pointer into the request body ("第 3 条记录（log[2]）…"): a page
        # or the command line names the field its own way. Not part of the API's answer.
        self.plain = plain or message
        self.details = details


class CalendarGap(DomainError):
    """A day outside the published State Council calendar was needed; guessing would be worse.

    The message is the calendar's words (schedules/calendar/texts.toml `gap`, which the loaded
    calendar fills in); a calendar built by hand without them says only the reason and the year."""

    reason = "calendar_gap"

    def __init__(self, year: int, message: str | None = None):
        super().__init__(message or f"{self.reason}: {year}", year=year)
        self.year = year


class NotFound(DomainError):
    reason = "not_found"


class InvalidInput(DomainError):
    """Input that passed the schema but breaks a domain rule (an end before its start...)."""

    reason = "invalid"


class ScheduleError(Exception):
    """A schedule file that must not be served: names the file, the key and what is wrong.

    `key` is where, as a person reads it ("violation[3].version[1].basis"); `where` the same as data
    (("violation", 3, "version", 1, "basis")), from which `table`, `index` and `entry` (a named entry
    such as texts.late_fee_cap) are read: code that must know which item failed asks these, never
    the text of `key`."""

    def __init__(self, file: str, key: str, problem: str, where: tuple = ()):
        super().__init__(f"{file}: {key}: {problem}")
        self.file, self.key, self.problem, self.where = file, key, problem, tuple(where)

    @property
    def table(self) -> str | None:
        """The top-level table or array of tables the problem is in (violation, texts, …)."""
        return self.where[0] if self.where and isinstance(self.where[0], str) else None

    @property
    def index(self) -> int | None:
        """The item's position in its top-level array of tables, as the file numbers it."""
        return self.where[1] if len(self.where) > 1 and isinstance(self.where[1], int) else None

    @property
    def entry(self) -> str | None:
        """The named entry of a top-level table of named entries ([texts.<code>])."""
        return self.where[1] if len(self.where) > 1 and isinstance(self.where[1], str) else None


class UnknownKey(ScheduleError):
    """A key no loader reads: a misspelt `extention` would otherwise drop the statutory extension
    without a word. Names the file, the key, and the keys that table may have."""

    def __init__(self, file: str, key: str, name: str, known: tuple[str, ...], where: tuple = ()):
        hint = difflib.get_close_matches(name, known, n=1, cutoff=0.75)
        problem = f"未知的键：{name}（可用的键：{'、'.join(known)}）" + (f"；是否应为 {hint[0]}？" if hint else "")
        super().__init__(file, key, problem, where)
        self.name, self.known = name, known
