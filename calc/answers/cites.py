"""A basis as every answer carries it (API 1.1): the v1 `basis` text, beside it the references it
is made of (`cites`: law, edition, article, paragraph, item) and the decision-form `citation`
("《中华人民共和国治安管理处罚法》第五十一条第二款第（一）项"). Words that cite nothing (a caller's own
basis, a county's remark) have no references: `cites` is empty and `citation` null.
"""
from typing import Annotated, TypedDict, cast, overload

from ..citations import Basis
from .doc import Doc


class CiteOut(TypedDict):
    """One reference of a basis (API 1.1), as numbers: the decision-form citation is made from these."""

    law: Annotated[str, Doc("所引文本的名称，依其文本标题（不带书名号），如 中华人民共和国治安管理处罚法")]
    edition: Annotated[int | None, Doc("文本的年份（版本）；通知、清单等无版本的为 null")]
    article: Annotated[int | None, Doc("条")]
    sub_article: Annotated[int | None, Doc("条之几（如 第一百三十三条之一 为 1）")]
    paragraph: Annotated[int | None, Doc("款")]
    item: Annotated[int | None, Doc("项")]
    section: Annotated[str | None, Doc("无条文编号的文本中的位置（如责任清单 四（六）三、1）")]


# `cites` and `citation` beside every `basis` of an answer (API 1.1)
Cites = Annotated[list[CiteOut], Doc(
    "依据的结构化引用：法律名称、版本、条、款、项；依据只是说明文字（不引用条文）时为空")]
Citation = Annotated[str | None, Doc(
    "决定书格式的引用，如《中华人民共和国治安管理处罚法》第五十一条第二款第（一）项；无引用时为 null")]


class Cited(TypedDict):
    """The three keys `cited` gives an answer."""

    basis: str
    cites: Cites
    citation: Citation


class MaybeCited(TypedDict):
    """The same where there may be no basis (all three null or empty)."""

    basis: str | None
    cites: Cites
    citation: Citation


_NONE: MaybeCited = {"basis": None, "cites": [], "citation": None}


@overload
def cited(basis: "Basis | str") -> Cited: ...  # type: ignore[overload-overlap]  # str is never None
@overload
def cited(basis: "Basis | str | None") -> MaybeCited: ...
def cited(basis: "Basis | str | None") -> Cited | MaybeCited:
    if basis is None:
        return _NONE
    if type(basis) is Basis:
        return cast(Cited, basis.answer)  # Basis.answer is made once per basis, of these three keys
    return {"basis": basis, "cites": [], "citation": None}
