"""The archive core: files in, validated records, the catalogue, and everything that leaves it.

Its packages are the stages of the data flow (README, "The code"): ``format`` → ``names`` →
``read`` → ``catalogue`` → ``outputs`` and ``search`` → ``contrib`` → ``cli``. Nothing in this
package imports MkDocs, so the archive can move to another engine.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    #: The installed version: the site's footer and the dataset name it.
    __version__ = version("conflict-archive")
except PackageNotFoundError:  # a source tree that was never installed
    __version__ = "0+unknown"
