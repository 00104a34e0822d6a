"""The bound on a line's quantity a year. The field takes up to the contract value's bound, so that
local spend in pounds fits; ``compute.line_rules`` holds every other unit to this."""

from decimal import Decimal

MAX_QUANTITY = Decimal("1000000")  # units a year, for a measure not counted in pounds
