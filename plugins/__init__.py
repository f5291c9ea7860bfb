"""The MkDocs layer: thin plugins that turn the core catalogue into pages."""
