"""Outputs: what leaves the archive, made from the catalogue and the format.

Pure functions from records to text and bytes: how values read on a page
(:mod:`~archive.outputs.display`) and the JSON Schema of the front matter
(:mod:`~archive.outputs.schema`). A new output format goes here.
"""
