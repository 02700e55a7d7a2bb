"""GET /v1/responsibilities?q= and /v1/responsibilities/{id}."""


def test_search_in_chinese(client):
    r = client.get("/v1/responsibilities", query_string={"q": "传销"})
    assert r.status_code == 200
    body = r.get_json()
    assert body["count"] == 1
    item = body["items"][0]
    assert item["matter"] == "对传销违法犯罪行为的查处" and item["basis"].startswith("《刑法》第 224 条")
    assert {d["department"] for d in item["departments"]} == {"县公安局", "县工商局"}


def test_search_a_unit_gives_unit_and_basis(client):
    body = client.get("/v1/responsibilities", query_string={"q": "指挥中心"}).get_json()
    assert [i["id"] for i in body["items"]] == ["duty.2.1", "duty.2.2", "duty.2.3", "duty.2.4"]
    assert all(i["unit"] == "指挥中心" and i["basis"] == "县公安局责任清单 一、2" for i in body["items"])


def test_categories_by_kind(client):
    body = client.get("/v1/responsibilities?kind=case-category").get_json()
    assert sorted(i["count"] for i in body["items"]) == [11, 12, 33, 89, 103, 119]


def test_etag_and_304(client):
    r = client.get("/v1/responsibilities", query_string={"q": "户籍"})
    tag = r.headers["ETag"]
    assert client.get("/v1/responsibilities", query_string={"q": "户籍"},
                      headers={"If-None-Match": tag}).status_code == 304
    assert client.get("/v1/responsibilities", query_string={"q": "网吧"},
                      headers={"If-None-Match": tag}).status_code == 200


def test_detail_and_404(client):
    r = client.get("/v1/responsibilities/boundary.floating-population")
    assert r.status_code == 200 and len(r.get_json()["departments"]) == 10
    r = client.get("/v1/responsibilities/nope")
    assert r.status_code == 404 and r.get_json()["reason"] == "not_found"


def test_bad_query_is_422(client):
    r = client.get("/v1/responsibilities?kind=nope")
    assert r.status_code == 422 and "kind" in r.get_json()["errors"]
    r = client.get("/v1/responsibilities", query_string={"q": "长" * 101})
    assert r.status_code == 422 and "q" in r.get_json()["errors"]
