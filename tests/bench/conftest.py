def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "bench: the benchmark tools at the tiny scale (runs by default, no timings)",
    )
