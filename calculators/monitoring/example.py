"""The worked example the monitoring page shows and step 6 of the guidance works through."""

from __future__ import annotations

# The quarterly delivery report template's example (docs/toolkit/templates/): a home support
# contract at month 6 of 36, as its provider reports it (the contract manager has verified nothing
# yet). A test checks that the template is this example, written as a delivery report.
EXAMPLE = {"contract_reference": "SSC-2026-014", "contract_title": "Home support services",
           "provider": "Example Care Ltd", "provider_type": "sme", "contract_value": 2400000, "contract_months": 36,
           "quarter_start": "2026-07-01", "quarter_end": "2026-09-30", "months_elapsed": 6, "price_year": 2026,
           "commitments": [
               {"ref": "SV1", "measure": "ltu-into-work", "label": "Care workers who had been out of work for a year or more",
                "priority": "Prosperous", "quantity": 4, "years": 3, "delivered": 1.6, "due": "2029-03-31",
                "evidence": "Payroll extract for the contract (role, hours, start and end dates, first half of home "
                            "postcode) and the referral record of time out of work",
                "evidence_reference": "PAY-2026-Q2",
                "comments": "Three full-time care workers since April (1.5 FTE for a year so far) and one at 0.4 FTE "
                            "since July (0.1). One more post is re-advertised with the local jobs club."},
               {"ref": "SV2", "measure": "apprenticeships", "label": "Care apprentices", "priority": "Prosperous",
                "quantity": 2, "years": 3, "delivered": 0.75, "due": "2029-03-31",
                "evidence": "Apprenticeship agreements and payroll records, with start and end dates",
                "evidence_reference": "APP-2026-Q2",
                "comments": "One apprentice since April (0.5) and one since July (0.25)."},
               {"ref": "SV3", "measure": "work-placements", "label": "Placements for local college students",
                "priority": "Prosperous", "quantity": 2, "years": 3, "delivered": 1, "due": "2029-03-31",
                "evidence": "Placement log with dates and days attended, confirmed by the school or college",
                "evidence_reference": "PLA-2026-Q2",
                "comments": "One placement with a student from a local college."},
               {"ref": "SV4", "measure": "vulnerable-residents-support", "label": "Befriending with a local charity",
                "priority": "Safe", "quantity": 40, "years": 3, "delivered": 12, "due": "2029-03-31",
                "evidence": "Anonymised list of residents supported, with dates, confirmed by the partner charity",
                "evidence_reference": "BEF-2026-Q2",
                "comments": "Befriending visits run with a local charity. Referrals started late; the charity now "
                            "takes them every week."},
               {"ref": "SV5", "measure": "spend-local-sme", "label": "Catering and transport bought locally",
                "priority": "Prosperous", "quantity": 20000, "years": 3, "delivered": 11400, "due": "2029-03-31",
                "evidence": "Supplier invoices showing supplier name, postcode and size",
                "evidence_reference": "INV-2026-Q2",
                "comments": "Catering and minibus hire bought from local firms."}]}
