"""Drawing a genogram: pure layout (`layout.py`) and SVG rendering (`svg.py`) on plain data (`family.py`).

No Django here: the page turns database rows into `family.Member`/`family.Relation` and calls `svg.render`; the
tests need nothing but Python. Standard genogram notation (McGoldrick, Gerson and Petry, "Genograms: Assessment and
Treatment"): squares for males, circles for females, a diamond when sex is not known, an X through someone who has
died, a double outline for the child the work is about, generations in rows, couples joined by a line (dashed for
partners who are not married, one slash for a separation, two for a divorce) and children hanging off a sibship
line below their parents.
"""
