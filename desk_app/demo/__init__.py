"""The demo commune and the benchmark data generator (dữ liệu mẫu): a tool, not a use case.

Face: :mod:`.commune` (``build_demo``: fill an empty data directory). Parts: :mod:`.people` (invented people,
places and staff), :mod:`.life` (a planned dossier life), :mod:`.clock` (office time), :mod:`.rows` (planned lives
as table rows, shared with ``bench/build_db.py``).
"""
