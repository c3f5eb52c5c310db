"""Setup: what an admin configures once and the counter reads all day.

Face: :mod:`.unit` (the commune on this PC: name, agency code, counter), :mod:`.catalog` (the procedure catalog
and its import), :mod:`.calendar` (the working calendar: holidays plus local overrides), :mod:`.settings`
(the settings screen's read and save).
"""
