"""Shared look for the small modal dialogs."""

DIALOG_CSS = """
{name} {{ align: center middle; }}
{name} > Vertical {{
    width: 70; max-width: 95%; height: auto; padding: 1 2;
    border: thick $primary; background: $surface;
}}
{name} Label.title {{ text-style: bold; margin-bottom: 1; }}
{name} Horizontal.buttons {{ height: auto; margin-top: 1; align-horizontal: right; }}
{name} Horizontal.buttons Button {{ margin-left: 1; }}
{name} Label {{ width: 100%; }}
{name} Input, {name} Select {{ margin-bottom: 1; }}
"""
