"""Reports (báo cáo): the weekly, monthly, quarterly and yearly figures a commune owes, against its targets.

Room for the reports capability; periods and indicator definitions live in :mod:`desk_app.domain`.
"""
