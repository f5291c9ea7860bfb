"""The ``archive`` command: check the archive, print its schema, scaffold and import articles.

Each command is a module of this package (``check``, ``schema``, ``new``, ``importing``,
``export``, ``init``; what they share is in ``common``); this one is the group that gathers them.

Output is coloured in a terminal and plain in a pipe (click does that). Exit status: 0 when
all is well, 1 when the archive has errors (or warnings with ``--strict``), 2 for a usage error.
"""

from __future__ import annotations

import click

from archive.cli.check import check, run_changed_check, run_check
from archive.cli.export import export
from archive.cli.importing import import_command
from archive.cli.init import init
from archive.cli.new import new
from archive.cli.schema import schema


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="conflict-archive")
def main() -> None:
    """Keep an archive of conflict reports: check it, scaffold and import articles."""


main.add_command(check)
main.add_command(schema)
main.add_command(new)
main.add_command(import_command)
main.add_command(export)
main.add_command(init)

__all__ = ["main", "run_check", "run_changed_check"]
