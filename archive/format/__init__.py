"""The archive's format: what its files may hold, declared once.

The records (:mod:`~archive.format.model`), the controlled vocabularies with their definitions
(:mod:`~archive.format.vocabulary`), every field of the front matter and the gazetteer with its
rules (:mod:`~archive.format.spec`), where each record's page lives (:mod:`~archive.format.layout`)
and which URLs are acceptable (:mod:`~archive.format.urls`). Everything else reads these
declarations; nothing here reads a file. A new field goes in ``spec`` (and ``model``).
"""
