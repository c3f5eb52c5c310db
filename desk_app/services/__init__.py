"""Use cases, grouped by capability: one package per thing a clerk, a leader or an admin does.

Each use case is one transaction and returns plain results (dataclasses, dicts); none touches a widget.
The GUI calls them off the GUI thread through ``desk_app.gui.runner``; the CLI calls them directly.

- :mod:`~desk_app.services.intake`: taking a dossier at the counter (receive, guide, refuse; codes; applicants).
- :mod:`~desk_app.services.lifecycle`: following a dossier to its result (moves, queues, search, views, forms).
- :mod:`~desk_app.services.digitization`: scanned pages on documents, the watched folder, stored files.
- :mod:`~desk_app.services.trust`: accounts and roles, backups, integrity, encryption, personal data.
- :mod:`~desk_app.services.setup`: the unit, the procedure catalog, the working calendar, settings.
- :mod:`~desk_app.services.reports`: the figures a commune owes (weekly … yearly, against targets).
- :mod:`~desk_app.services.sync`: sending those summaries to the upper level's hub exactly once.
- :mod:`~desk_app.services.assist`: help given to citizens with portal accounts and online filing.
- :mod:`~desk_app.services.postal`: dossiers received and results returned by the public postal service.

Package ``__init__`` modules only describe; they import nothing, so asking for one use case never loads the rest.
"""
