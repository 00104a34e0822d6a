"""Build glue for the site: the core's wheel, the runtime copied into the site, the glossary's
tooltips and the search index's exclusions. macros.py calls these; none of it is part of the
calculators' core."""
