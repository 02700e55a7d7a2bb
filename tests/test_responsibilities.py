"""Responsibilities (责任清单 一、二): every duty with its unit, every boundary matter, keyword search."""
import pytest
from hypothesis import given, settings, strategies as st

from calc import responsibilities as resp
from calc.errors import InvalidInput, NotFound, ScheduleError
from calc.schedules import Source


def test_nineteen_main_duties_and_every_work_item_has_a_unit_or_says_why_not(schedules):
    r = schedules.responsibilities
    assert sorted({d.no for d in r.duties}) == list(range(1, 20))
    for d in r.duties:
        assert d.units or d.note, d.id
    blank = [d.id for d in r.duties if not d.units]
    assert blank == ["duty.3.1"]  # the seed leaves 承担科室 empty for 查处违反《治安管理处罚法》


def test_criminal_case_categories_and_counts_from_the_seed(schedules):
    got = {(c.name, c.count, c.unit) for c in schedules.responsibilities.categories}
    assert got == {("国保类和出入境类", 33, "国内安全保卫大队"), ("经济类", 89, "经济犯罪侦查大队"),
                   ("治安管理类", 103, "治安大队"), ("刑侦类", 119, "刑事侦查大队"),
                   ("禁毒类", 12, "刑事侦查大队"), ("网络安全监察类", 11, "网络安全保卫大队")}
    # each category is also the duty item that names it, with the same unit and number
    for c in schedules.responsibilities.categories:
        (duty,) = [d for d in schedules.responsibilities.duties if d.category == c.id]
        assert duty.units == (c.unit,) and f"{c.count} 种" in duty.text


def test_thirteen_boundary_matters_with_every_department_basis_and_example(schedules):
    bs = schedules.responsibilities.boundaries
    assert [b.no for b in bs] == list(range(1, 14))
    assert [len(b.departments) for b in bs] == [3, 2, 2, 5, 8, 2, 8, 2, 3, 2, 5, 4, 10]
    for b in bs:
        assert b.laws and b.example and all(p.department and p.part for p in b.departments)
    pyramid = next(b for b in bs if b.id == "pyramid-selling")
    assert [p.department for p in pyramid.departments] == ["县公安局", "县工商局"]
    assert "3 级以上成员达 30 人以上" in pyramid.example
    assert pyramid.laws == ("《刑法》第 224 条", "《禁止传销条例》第 4 条、第 13 条")
    food = next(b for b in bs if b.id == "food-safety")
    assert len(food.laws) == 20 and "801mg/kg" in food.example


def test_search_finds_a_matter_by_keyword_with_all_departments(schedules):
    (item,) = schedules.responsibilities.search("传销")
    assert item["kind"] == "boundary" and item["matter"] == "对传销违法犯罪行为的查处"
    assert [d["department"] for d in item["departments"]] == ["县公安局", "县工商局"]
    assert item["seed"] == "二、3" and "禁止传销条例" in item["basis"]


def test_search_by_unit_finds_its_duties(schedules):
    items = schedules.responsibilities.search("出入境管理大队")
    assert {i["id"] for i in items} == {"duty.4.8", "duty.4.9", "duty.4.10", "duty.4.11", "duty.4.12"}
    assert all(i["unit"] == "出入境管理大队" and i["main_no"] == 4 for i in items)


def test_search_by_department_marks_which_departments_matched(schedules):
    items = schedules.responsibilities.search("县计生局")
    assert [i["id"] for i in items] == ["boundary.household-registration", "boundary.floating-population"]
    assert all(i["matched_departments"] == ["县计生局"] for i in items)


def test_several_words_must_all_appear(schedules):
    items = schedules.responsibilities.search("刑事侦查大队 禁毒")
    assert [i["id"] for i in items] == ["duty.3.8", "category.narcotics"]


def test_search_ignores_spaces_inside_the_seed_text(schedules):
    assert [i["id"] for i in schedules.responsibilities.search("共89种", "duty")] == ["duty.3.5"]


def test_unit_with_three_squads(schedules):
    (d, _) = [d for d in schedules.responsibilities.duties if d.no == 14]
    assert d.units == ("河头中队", "邢湾中队", "城区中队")


def test_empty_query_lists_everything_and_bad_input_is_refused(schedules):
    r = schedules.responsibilities
    assert len(r.search()) == 59 + 6 + 13
    with pytest.raises(InvalidInput):
        r.search("x", kind="nope")
    with pytest.raises(InvalidInput):
        r.search("长" * 101)
    with pytest.raises(NotFound):
        r.get("duty.99.1")
    assert r.get("category.economic")["count"] == 89


@settings(max_examples=50, deadline=None)
@given(st.text(alphabet="公安局治安大队县户籍禁毒传销科室 ", max_size=6))
def test_every_hit_contains_every_word(schedules, q):
    for item in schedules.responsibilities.search(q):
        entry = next(e for e in schedules.responsibilities.all() if e.as_item()["id"] == item["id"])
        for word in q.split():
            assert word in entry.haystack()


def _src(**item):
    return Source("responsibilities/bad.toml", {"duty": [{"no": 1, "main": "m", "item": [item]}]})


@pytest.mark.parametrize("item, key", [
    ({"text": "t"}, "duty[0].item[0].unit"),
    ({"text": "t", "unit": "u", "units": ["a"]}, "duty[0].item[0].units"),
    ({"text": "t", "unit": "u", "category": "nope"}, "duty[0].item[0].category"),
    ({"unit": "u"}, "duty[0].item[0].text"),
])
def test_bad_schedule_names_file_and_key(item, key):
    with pytest.raises(ScheduleError) as err:
        resp.load([_src(**item)], {})
    assert err.value.file == "responsibilities/bad.toml" and err.value.key == key


def test_duplicate_boundary_id_names_file_and_key():
    matter = {"no": 1, "id": "x", "title": "t", "basis": ["b"], "example": "e",
              "department": [{"name": "县公安局", "part": "p"}]}
    src = Source("responsibilities/bad.toml", {"matter": [matter, {**matter, "no": 2}]})
    with pytest.raises(ScheduleError) as err:
        resp.load([src], {})
    assert (err.value.file, err.value.key) == ("responsibilities/bad.toml", "matter[1].id")
