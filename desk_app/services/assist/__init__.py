"""Assist (hỗ trợ dịch vụ công trực tuyến): help given to citizens with VNeID and portal accounts and online filing.

Room for the citizen-help capability: the assistance log, guide sheets, the public listing, feedback.
"""
