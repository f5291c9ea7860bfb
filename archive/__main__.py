"""``python -m archive`` is the ``archive`` command."""

from archive.cli.main import main

main()
