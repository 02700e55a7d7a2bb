"""Benchmarks (issue 8) and the load test (issue 7): `python -m bench` prints every figure.

Each bench measures the thing and its reference in the same run, so the ratios hold on a noisy
machine even where the absolute times do not. Everything runs on loopback and is bounded in time.
"""
