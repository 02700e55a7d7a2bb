"""What a key of an answer's TypedDict says beyond its type, for /openapi.json (calc/api/shapes.py).

An answer's shape is its TypedDict, beside the function that builds it; the document is generated
from it. A key's type says the rest: `X | None` may be null, `Literal[...]` lists the values
(`Literal["a", None]` lists null among them), a TypedDict nests, `list[...]`, `dict[str, ...]`;
`NotRequired[...]` keys may be left out.
"""
from dataclasses import dataclass
from typing import Annotated, Any


@dataclass(frozen=True)
class Doc:
    """A key's description (Chinese: calc/api/glossary.py gives the keys that have none) and example."""

    description: str | None = None
    example: Any = None


@dataclass(frozen=True)
class Format:
    """The string's OpenAPI format."""

    name: str


Day = Annotated[str, Format("date")]  # YYYY-MM-DD
