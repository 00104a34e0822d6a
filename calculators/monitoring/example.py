"""The worked example the monitoring page shows and step 6 of the guidance works through."""

from __future__ import annotations

# The quarterly delivery report template's example (docs/toolkit/templates/): a home support
# contract at month 6 of 36. A test checks that the template gives this result.
EXAMPLE = {"contract_months": 36, "months_elapsed": 6, "contract_value": 2400000, "price_year": 2026,
           "commitments": [
               {"ref": "SV1", "measure": "ltu-into-work", "label": "Care workers who had been out of work for a year or more",
                "priority": "Prosperous", "quantity": 4, "years": 3, "delivered": 1.6, "due": "2029-03-31",
                "evidence": "Payroll extract for the contract (role, hours, start and end dates, first half of home "
                            "postcode) and the referral record of time out of work"},
               {"ref": "SV2", "measure": "apprenticeships", "label": "Care apprentices", "priority": "Prosperous",
                "quantity": 2, "years": 3, "delivered": 0.75, "due": "2029-03-31",
                "evidence": "Apprenticeship agreements and payroll records, with start and end dates"},
               {"ref": "SV3", "measure": "work-placements", "label": "Placements for local college students",
                "priority": "Prosperous", "quantity": 2, "years": 3, "delivered": 1, "due": "2029-03-31",
                "evidence": "Placement log with dates and days attended, confirmed by the school or college"},
               {"ref": "SV4", "measure": "vulnerable-residents-support", "label": "Befriending with a local charity",
                "priority": "Safe", "quantity": 40, "years": 3, "delivered": 12, "due": "2029-03-31",
                "evidence": "Anonymised list of residents supported, with dates, confirmed by the partner charity"},
               {"ref": "SV5", "measure": "spend-local-sme", "label": "Catering and transport bought locally",
                "priority": "Prosperous", "quantity": 20000, "years": 3, "delivered": 11400, "due": "2029-03-31",
                "evidence": "Supplier invoices showing supplier name, postcode and size"}]}
