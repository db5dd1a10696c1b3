"""Values many domains share: money, working hours, and the field checks for them."""
