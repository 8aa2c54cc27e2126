"""The performance bench (`make bench`, docs/performance.md).

`generate` writes a deterministic synthetic site of N posts; `run` builds it with the
full Reflective configuration (A) and with plain Pelican plus our reader only (B),
interleaved, and prints medians and ratios; `profile` shows where the plugin's time
goes. `plugins/` holds the baseline plugin and the timing plugin the builds load.
"""
