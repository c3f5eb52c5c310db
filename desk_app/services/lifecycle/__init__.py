"""Lifecycle (quá trình giải quyết): a dossier followed from the counter to the returned result.

Face: :mod:`.moves` (``act``: one move, one transaction, one audit event), :mod:`.queues` (due today, overdue,
waiting, ready), :mod:`.today` (the Today page's counts), :mod:`.search` (find while typing),
:mod:`.dossier_view` (the ``show``/``find`` shapes), :mod:`.dossier_query` (the dossier list, page by page),
:mod:`.forms` (supplement, refusal, apology, stop notice, control sheet), :mod:`.book` (the tracking book),
:mod:`.letters` (the letters' document numbers), :mod:`.prints` (every printout rendered and audited) and
:mod:`.slip_print` (a preview is not a print).
"""
