"""Setup: what an admin configures once and the counter reads all day.

Face: :mod:`.unit` (the commune on this PC: name, agency code, counter; the first start), :mod:`.catalog` (the
procedure catalog and its import), :mod:`.calendar` (the working calendar: holidays plus local overrides),
:mod:`.settings` (the settings screen's read and save, form settings, officials), :mod:`.opening` (opening the
data at start, without Qt and before SQLAlchemy).
"""
