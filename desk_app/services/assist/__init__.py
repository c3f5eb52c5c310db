"""Assist (hỗ trợ dịch vụ công trực tuyến): help given to citizens with VNeID and portal accounts and online filing.

Face: :mod:`.helps` (the assistance log: record a help in one transaction, list them), :mod:`.counts` (what the
reports and the Today page count), :mod:`.feedback` (feedback on administrative rules), :mod:`.guides` (guide
sheets and the public listing). :mod:`.secret` keys the ID-number hashes.
"""
