"""The book's pages are read in two processes (briefbook.build.parallel): the execution cache's
database is made once, in the main process, before either reads a notebook."""

from __future__ import annotations

import sqlite3
from types import SimpleNamespace

from briefbook.build import parallel


def test_the_execution_cache_s_database_is_made_before_the_pages_are_read(tmp_path):
    folder = tmp_path / "cache"
    config = SimpleNamespace(execution_mode="cache", execution_cache_path=str(folder))
    parallel.create_execution_cache(SimpleNamespace(env=SimpleNamespace(mystnb_config=config)))
    (db,) = folder.glob("*.db")
    tables = {row[0] for row in sqlite3.connect(db).execute("select name from sqlite_master where type='table'")}
    assert {"settings", "nbcache", "nbproject"} <= tables


def test_no_cache_no_database(tmp_path):
    config = SimpleNamespace(execution_mode="force", execution_cache_path=str(tmp_path / "cache"))
    parallel.create_execution_cache(SimpleNamespace(env=SimpleNamespace(mystnb_config=config)))
    assert not (tmp_path / "cache").exists()


def test_it_runs_when_the_builder_starts_after_myst_nb_has_set_the_cache_s_folder():
    connected = []
    app = SimpleNamespace(connect=lambda event, handler, priority=500: connected.append((event, handler, priority)))
    parallel.setup(app)
    (priority,) = [p for e, h, p in connected if h is parallel.create_execution_cache and e == "builder-inited"]
    assert priority > 500  # myst-nb's create_mystnb_config: the default priority
