"""Pure German normalisation functions (numbers, dates): no spaCy in here."""
