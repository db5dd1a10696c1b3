"""The open vocabulary across the marketplace: skills vendors and buyers named that the
taxonomy does not know, which ones are named most, and admins mapping them onto tags."""
