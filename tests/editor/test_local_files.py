"""The page's stand-in for the folder picker (static/local-files.js), in chromium.

A file that came with its folder's listing answers `text()` without the browser's blob
store (how the editor reads 6,008 files at a time); what it answers must be what the
same file gives when read back through the file API as a real `File`: the same text
for UTF-8 with a byte-order mark, Windows line ends and non-ASCII, the same bytes for
a file that is not UTF-8.
"""

from __future__ import annotations

import pytest
from preview.served import Served

from ._support import Offline, sample_project

pytestmark = pytest.mark.browser

FILES = {
    "plain.md": b"---\ntitle: Plain\n---\nBody.\n",
    "bom.md": b"\xef\xbb\xbf---\r\ntitle: Caf\xc3\xa9 \xe2\x80\x94 notes\r\n---\r\n",
    "latin1.md": b"caf\xe9\r\n",
    "empty.yml": b"",
}

READ = """async (folder) => {
  const root = await window.showDirectoryPicker();
  const dir = await root.getDirectoryHandle(folder);
  const found = {};
  for await (const [name, handle] of dir.entries()) {
    const listed = await handle.getFile();  // from the listing
    const read = await handle.getFile();    // from the file API, a plain File
    found[name] = {
      listedClass: listed.constructor.name,
      listedText: await listed.text(),
      listedBytes: Array.from(new Uint8Array(await listed.arrayBuffer())),
      listedSize: listed.size,
      readClass: read.constructor.name,
      readText: await read.text(),
      readBytes: Array.from(new Uint8Array(await read.arrayBuffer())),
    };
  }
  return found;
}"""


def test_a_listed_file_reads_as_the_file_read_back(tmp_path, browser):
    root = sample_project(tmp_path)
    (root / "notes").mkdir()
    for name, data in FILES.items():
        (root / "notes" / name).write_bytes(data)
    served = Served(root)
    offline = Offline(browser)
    try:
        served.wait_settled(0)
        page = offline.page()
        page.goto(served.base + "admin/")
        found = page.evaluate(READ, "notes")
    finally:
        offline.close()
        served.stop()
    assert set(found) == set(FILES)
    for name, data in FILES.items():
        got = found[name]
        assert got["readClass"] == "File", name
        assert got["listedText"] == got["readText"], name
        assert bytes(got["listedBytes"]) == bytes(got["readBytes"]) == data, name
        assert got["listedSize"] == len(data), name
    assert found["plain.md"]["listedClass"] == "ListedFile"  # the quick way was taken
    assert found["latin1.md"]["listedClass"] == "File"  # not UTF-8: bytes, the blob store
    assert not found["bom.md"]["listedText"].startswith("\ufeff")
    assert found["bom.md"]["listedText"].startswith("---\r\ntitle: Café — notes")
