"""Sync (đồng bộ): the commune's summaries sent to the upper level's hub exactly once, over a network or a USB stick.

Face: :mod:`.outbox` (``mark_dossier``: what is to send, marked inside the caller's transaction), :mod:`.worker`
(sending what is due with retries and backoff; status; hub settings), :mod:`.offline` (signed, numbered files
for a USB stick), :mod:`.status` (the status bar's cheap read). :mod:`.client` is the HTTP side. The hub itself
lives in :mod:`desk_app.hub`.
"""
