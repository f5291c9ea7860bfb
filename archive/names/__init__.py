"""Names: comparing spellings across cases, accents and scripts, with one set of rules.

``normalise.py`` holds the rules (normalisation, generic words, the Cyrillic stemmer of names);
``matcher.py`` finds the gazetteer's entities in a text with them (:class:`NameMatcher`);
``detect.py`` arranges what the matcher finds in a report for ``archive import``;
``suggest.py`` is did-you-mean; ``memo.py`` the one compute-once table. The readers, the
importer and the search all ask here, so a new name rule goes here, once.
"""
