"""The archive core: data model, loading, validation, catalogue, search index and exports.

Nothing in this package imports MkDocs, so the archive can move to another engine.
"""
