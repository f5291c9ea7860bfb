"""Outputs: what leaves the archive, made from the catalogue and the format.

Everything the site publishes is an :class:`~archive.outputs.output.Output` (a page or a file,
with its path and media type) in one registry (:mod:`~archive.outputs.output`). The pages come
from families (:mod:`archive.outputs.pages`: articles, taxonomy, periods, claims, home), which
render Jinja templates (``templates/archive/``, :mod:`~archive.outputs.render`) with the
helpers of :mod:`~archive.outputs.components` and :mod:`~archive.outputs.html`;
:mod:`~archive.outputs.site` plans and renders one build, :mod:`~archive.outputs.editorial`
fills the blocks of hand-written pages. Also here: how values read on a page
(:mod:`~archive.outputs.display`) and the JSON Schema of the front matter
(:mod:`~archive.outputs.schema`). A new output format (a dataset, a feed) goes here, as an
output the plan registers.
"""
