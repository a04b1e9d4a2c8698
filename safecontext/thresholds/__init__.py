"""Threshold frameworks: versioned data files and the pure rules that use them.

A threshold framework (a council's "continuum of need") says which level of help a child's needs call for. Councils
differ and change theirs, so a framework is data, never code: one TOML file per version in frameworks/<slug>/, read
by loader.py. suggestion.py turns the indicators a practitioner ticks into a suggested level and says why.
See docs/adr/0010-threshold-frameworks-as-data.md.
"""
