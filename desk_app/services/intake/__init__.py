"""Intake (tiếp nhận hồ sơ): a dossier taken at the counter, a guidance slip, or a refusal.

Face: :mod:`.receive` (``preview``, ``receive``, ``guide``, ``refuse``, and the input types it re-exports).
Parts: :mod:`.inputs` (what the counter types and its pure validation), :mod:`.quote` (a procedure's fee,
processing time and due date), :mod:`.applicants` (cleaning and storing applicants), :mod:`.codes` (dossier codes
and counter-side form numbers, TT 01/2018 Điều 19), :mod:`.numbering` (the register's volume and running number).
"""
