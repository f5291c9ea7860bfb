"""The one process-wide trick of the build: plugins/site.py freezes the archive for the collector
(gc.freeze) once its pages are planned, and the next build in the same process (`mkdocs serve`)
unfreezes it, so a rebuild does not keep the previous build's archive in memory."""

from __future__ import annotations

import gc

from sitebuild import copy_fixture, write_config


def test_a_second_build_unfreezes_what_the_first_froze(tmp_path, monkeypatch):
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    docs = copy_fixture(tmp_path / "docs")
    config_file = write_config(docs, tmp_path / "site", tmp_path)
    monkeypatch.chdir(tmp_path)
    seen = []
    real_unfreeze = gc.unfreeze

    def unfreeze() -> None:
        seen.append(gc.get_freeze_count())
        real_unfreeze()
        seen.append(gc.get_freeze_count())

    monkeypatch.setattr(gc, "unfreeze", unfreeze)
    gc.unfreeze()
    seen.clear()
    try:
        config = load_config(str(config_file))
        config.plugins.on_startup(command="serve", dirty=False)
        build(config)
        first = gc.get_freeze_count()
        assert first > 0  # the first build froze the archive
        build(load_config(str(config_file)))  # as `mkdocs serve` rebuilds
        # The rebuild started by unfreezing what the first froze (a few of those objects may
        # have been freed in between): nothing of the first build stays frozen.
        before, after = seen[2:4]
        assert 0 < before <= first and after == 0
    finally:
        real_unfreeze()
