"""Forms compiled from ui/*.ui by tools/build_ui.py: generated code, do not edit."""
