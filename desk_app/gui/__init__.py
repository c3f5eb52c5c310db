"""The desktop face of desk_app (PySide6). The only package that imports Qt.

Entry point: ``desk_app.gui.app.run``. Pages plug into the main window through ``desk_app.gui.pages``;
database work goes through ``GuiContext.runner`` so the GUI thread never waits on disk.
"""
