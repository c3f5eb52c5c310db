"""Postal (bưu chính công ích): dossiers received and results returned by post, and the post's statements.

Face: :mod:`.items` (received by post, sent back, delivered, undeliverable, transfers), :mod:`.manifests`
(hand-over manifests and the monthly statement), :mod:`.documents` (labels, manifests, statements as PDF/XLSX).
:mod:`.incoming` holds the writes intake shares.
"""
