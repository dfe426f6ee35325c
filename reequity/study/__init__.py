"""Event-study engine: windows, alignment, expected-return models, the test battery, results.

Public entry points: :func:`reequity.study.engine.event_study`,
:class:`reequity.study.engine.EventStudy` and
:class:`reequity.study.results.EventStudyResults`.
"""
