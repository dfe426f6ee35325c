"""From news articles to dated policy events.

articles   read article dumps into a tidy frame (:func:`read_articles`)
dates      resolve Chinese/English temporal expressions (:func:`resolve_dates`)
classify   keyword rules for event type, actors, elements and confidence
catalogue  the verified event catalogue (:func:`load_catalogue`, ``catalogue.csv``)
reconcile  link mentions to catalogue events, flag ``year_conflict``
extract    the pipeline: articles -> date *mentions* (:func:`extract_events`)
mentions   mentions -> study *events* in memory, with a log (:func:`mentions_to_events`)
io         event files for the event study (:func:`load_events`: read CSV + ``mentions``)
"""
