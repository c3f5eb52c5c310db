"""Reports (báo cáo): the weekly, monthly, quarterly and yearly figures a commune owes, against its targets.

Face: :mod:`.report` (``build_report``: one computed object that the Reports page, the exports, the CLI and the
sync all read). Parts: :mod:`.figures` (one SQL definition per figure), :mod:`.drill` (the dossiers behind a
figure), :mod:`.model` (plain data and the JSON contract), :mod:`.targets` (yearly targets), :mod:`.trend`,
:mod:`.overdue` (the weekly one-pager's list), :mod:`.export` (JSON, XLSX, PDF), :mod:`.settings`. Periods and
indicator definitions live in :mod:`desk_app.domain.periods` and :mod:`desk_app.domain.indicators`.
"""
