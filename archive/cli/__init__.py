"""The ``archive`` command (:mod:`archive.cli.main`): a thin layer of options and messages over
the other stages."""
