"""The five-year box (行政处罚法 第三十六条) is offered only where it can apply (issue 20)."""


def test_a_public_order_case_has_no_five_year_box(client):
    # 治安管理处罚法（2025） 第二十五条: six months, with no longer period for harm to life, health
    # or finance, so the box could never change a 治安 answer.
    page = client.get("/penalties/rental.unregistered-tenant").get_data(as_text=True)
    assert 'name="harm"' not in page


def test_an_administrative_penalty_case_keeps_it(client):
    # 行政处罚法 第三十六条: two years, five where citizens' life, health or financial security is harmed
    page = client.get("/penalties/seal.unrecorded").get_data(as_text=True)
    assert 'name="harm"' in page and "五年" in page


def test_the_penalty_page_offers_no_box_to_presume_holidays(client):
    # 追究时效 is counted to the corresponding day and never moved for a rest day (LAW.md,
    # "Corrections"; 民法典 第二百零二条 without 第二百零三条), so no year's notice is ever needed: a
    # box to presume one would change nothing.
    page = client.get("/penalties/seal.unrecorded").get_data(as_text=True)
    assert 'name="provisional"' not in page and "按放假办法推定" not in page
