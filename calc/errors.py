"""The domain's own refusals. The adapter maps each to an HTTP status; nothing here knows HTTP."""


class DomainError(Exception):
    """A request the domain understood and refuses, with a stable machine `reason`."""

    reason = "invalid"

    def __init__(self, message: str, *, field: str | None = None, **details):
        super().__init__(message)
        self.message = message
        self.field = field
        self.details = details


class CalendarGap(DomainError):
    """A day outside the published State Council calendar was needed; guessing would be worse."""

    reason = "calendar_gap"

    def __init__(self, year: int, message: str | None = None):
        super().__init__(
            message
            or f"{year}年的国务院节假日安排尚未收录，无法确定工作日；可改用 provisional: true 按放假办法推定",
            year=year,
        )
        self.year = year


class NotFound(DomainError):
    reason = "not_found"


class InvalidInput(DomainError):
    """Input that passed the schema but breaks a domain rule (an end before its start...)."""

    reason = "invalid"


class ScheduleError(Exception):
    """A schedule file that must not be served: names the file, the key and what is wrong."""

    def __init__(self, file: str, key: str, problem: str):
        super().__init__(f"{file}: {key}: {problem}")
        self.file, self.key, self.problem = file, key, problem
