"""Report stage: processed tables -> notebooks -> offline HTML (and office exports).

``views`` prepares what the notebooks show, ``charts`` draws, ``export`` converts the
executed notebooks to HTML with the package's templates, ``runner`` is ``report`` and
``batch``.
"""
