"""The CPD record and the portfolio (SPEC §6, issue 16).

Owns the CPD fields of a post (`hours`, `activity`, `competencies`, `portfolio`),
competency frameworks (bundled or from a file), the record built from them (hours by
year and activity, the activity log, the evidence matrix, the writing calendar and
streaks), the `cpd/` page and the portfolio (PDF or one HTML file).

Pure modules: `fields`, `framework`, `record`, `calendar`. Pelican layer: `wiring`.
Commands: `cli` (`reflective portfolio`), the document itself: `portfolio`.
"""
