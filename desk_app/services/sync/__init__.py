"""Sync (đồng bộ): the commune's summaries sent to the upper level's hub exactly once, over a network or a USB stick.

Room for the sync capability; the hub itself lives in :mod:`desk_app.hub`.
"""
