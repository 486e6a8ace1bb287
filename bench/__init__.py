"""Benchmark harness: run by hand, never collected by pytest (see bench/README.md)."""
