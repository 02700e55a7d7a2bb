"""Each batch slot is, byte for byte, what POST /v1/deadlines answers for the same item (less the
`rule_versions` the batch says once beside its items), or that endpoint's error body (with the
batch's own message for an item the schema refuses, as test_errors_api says): the batch
reads, counts and words every item the single endpoint's way, step texts reused or not."""
import orjson

from bench.batch import make_items


def _single(client, item) -> bytes:
    r = client.post("/v1/deadlines", data=orjson.dumps(item), content_type="application/json")
    body = orjson.loads(r.data)
    if r.status_code != 200:
        if body["reason"] == "invalid_input":  # the batch's own words for an item the schema refuses (since v1)
            body["message"] = "输入有误"
        slot = {"error": body}
        if isinstance(item, dict) and isinstance(item.get("ref"), str) and len(item["ref"]) <= 64:
            slot["ref"] = item["ref"]
        return orjson.dumps(slot)
    body.pop("rule_versions")
    return orjson.dumps(body)


def test_every_slot_is_the_single_endpoints_answer_byte_for_byte(client):
    items = make_items(120, seed=3) + make_items(60, seed=4, steps=False) + [
        {"start": "2026-09-21", "amount": 20, "unit": "workdays", "ref": "案-1"},
        {"start": "2026-10-08", "amount": 2, "unit": "days", "direction": "before", "duty": "authority"},
        {"start": "2026-12-20", "amount": 30, "unit": "workdays", "provisional": True},
        {"start": "2030-01-01", "amount": 3, "unit": "days", "ref": "gap"},
        {"start": "2026-01-05", "amount": 5, "unit": "weeks", "ref": "bad"},
    ]
    r = client.post("/v1/deadlines/batch", data=orjson.dumps({"items": items}), content_type="application/json")
    assert r.status_code == 200
    slots = orjson.loads(r.data)["items"]
    assert len(slots) == len(items)
    for item, slot in zip(items, slots):
        assert orjson.dumps(slot) == _single(client, item), item
    assert sum("error" in s for s in slots) == 2  # the gap year and the unknown unit, in their slots
