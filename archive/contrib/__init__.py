"""Contributor tools: writing new articles (``archive new``), importing reports (``archive
import``) and finding the files a branch changes (``archive check --changed-since``)."""
