"""One module per factor (skill, cost, timezone, culture, quality, security, capacity,
responsiveness, coverage) and what only factors use (text vectors, calendars, per-year
tables): formulas over numpy arrays that know nothing of the vendor store, the ranking,
explanations or learning."""
