"""Reading and checking: files in, validated records out, every problem reported.

The first stage of the data flow (files → records → catalogue → outputs). :mod:`~archive.read.gate`
decides which files may enter at all; :mod:`~archive.read.source` reads them, bounded;
:mod:`~archive.read.fastyaml` is the fast path for plainly valid front matter; the reader
(:mod:`~archive.read.reader`, with :mod:`~archive.read.accept` for valid records) applies the
format's rules; :mod:`~archive.read.article`, :mod:`~archive.read.gazetteer` and
:mod:`~archive.read.pages` read each kind of file; :mod:`~archive.read.markup` checks bodies;
:mod:`~archive.read.loader` reads a whole archive. Problems go to a
:class:`~archive.read.problems.ProblemLog`, never raised.
"""
