"""The product app plus one bare endpoint, for the HTTP-overhead bench only (never in the product).

`POST /bench/bare` answers a fixed JSON body, the very bytes of a /v1/deadlines answer, through
the same app, hooks (headers, request id, access log) and server: what is left of the difference
is what validating, computing and serialising a deadline costs.
"""
import json

from flask import Response

from calc.api import create_app

app = create_app()
FIXED = b""


@app.post("/bench/bare")
def bare():
    return Response(FIXED, mimetype="application/json")


with app.test_client() as _client:
    FIXED = _client.post("/v1/deadlines", json={"start": "2026-09-21", "amount": 20, "unit": "workdays"}).get_data()
assert json.loads(FIXED)["due"] == "2026-10-26"
