"""Parts of the counter-intake screen (desk_app.gui.intake_page)."""
