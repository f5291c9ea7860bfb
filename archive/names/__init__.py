"""Names: comparing spellings across cases, accents and scripts.

Did-you-mean suggestions (:mod:`~archive.names.suggest`) and finding the gazetteer's entities in
a report's text (:mod:`~archive.names.detect`). Plain functions over strings: the readers, the
importer and the search all ask here, so a new name rule goes here, once.
"""
