"""`reflective comments serve` (first named `server`, which still works): the real
command writes Isso's config from the settings under either name. (A missing Isso is
said in one line with the way to install it: tests/publish/test_wheel.py, in a fresh
venv without Isso.)"""

from __future__ import annotations

from fixtures_cli.support import copy_site, run


def test_comments_serve_and_its_old_name_write_the_same_isso_config(tmp_path):
    site = copy_site("site", tmp_path)
    configs = []
    for name in ("serve", "server"):
        result = run("comments", name, "--config-only", "--port", "8765", cwd=site)
        assert result.returncode == 0, result.stderr
        path = site / result.stdout.strip()
        configs.append(path.read_text(encoding="utf-8"))
    assert configs[0] == configs[1]
    assert "listen = http://127.0.0.1:8765/" in configs[0]
    assert "serve (server)" in run("comments", "--help", cwd=site).stdout
