"""Benchmarks: data set, query counts, load tests and concurrency checks.

``make bench`` runs ``bench/run.py``; see docs/benchmarks.md for the method
and today's figures. Nothing here is imported by the application.
"""
