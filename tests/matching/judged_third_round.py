"""Third round of the judged set: eight buyers in lines of work the market already holds.

Each scope asks for work that many of the judged vendors describe, so the text alone
names a dozen candidates; what the buyer needs beyond it (a time zone or an evening
shift, a budget, a certification for confidential data, a reply within hours, cover
around the clock, enough hands for the hours) decides who is worth hiring. Grades
follow the rubric of ``judged.py`` and were written from the vendors' rows and committed
before the matcher or BM25 was run on these scopes.
"""

from __future__ import annotations

from datetime import time

from matching import Coverage, Scope, Sensitivity

from .judged_terms import WINTER, _skills

THIRD_ROUND: list[tuple[Scope, dict[int, int]]] = [
    (
        # Onshore hours and controls: two US desks; certified offshore desks with full
        # overlap next; no phone skill, too little overlap or English only conversational
        # rule the rest out.
        Scope(
            title="Phone support for a US health insurer's members",
            description="Inbound phone and email support for health plan members in US "
            "business hours; member data is handled under strict controls",
            skills=_skills("customer-support!", "phone-support!", "email-support"),
            budget_min=30,
            budget_max=60,
            currency="USD",
            estimated_hours=2000,
            timezone="America/Chicago",
            work_start=time(8),
            work_end=time(17),
            min_overlap_hours=6,
            languages=("en",),
            data_sensitivity=Sensitivity.HIGH,
            **WINTER,
        ),
        {124: 3, 59: 2, 63: 2, 61: 2, 57: 1, 64: 1, 127: 1},
    ),
    (
        # QuickBooks in Toronto's hours: the Toronto ledger first, Lahore's afternoon
        # shift overlaps the morning; the Manila and Kochi back offices do not overlap.
        Scope(
            title="QuickBooks bookkeeping for a Toronto dental group",
            description="Monthly bookkeeping in QuickBooks Online for four dental clinics: "
            "bank reconciliations, payables and month-end close",
            skills=_skills("bookkeeping!", "quickbooks!", "accounts-payable"),
            budget_min=20,
            budget_max=60,
            currency="USD",
            estimated_hours=240,
            timezone="America/Toronto",
            min_overlap_hours=3,
            languages=("en",),
            data_sensitivity=Sensitivity.MEDIUM,
            **WINTER,
        ),
        {69: 3, 132: 2, 71: 1, 68: 1},
    ),
    (
        # Marketing copy into English: the marketing translators with native English;
        # legal specialists and non-native writers as fallbacks; a 2.0 rating and a
        # budget machine-translation shop are not.
        Scope(
            title="English transcreation of a German product launch campaign",
            description="Adapt our German launch campaign (web pages, emails, ads) into "
            "natural marketing English, not a literal translation",
            skills=_skills("translation!", "Transcreation", "proofreading"),
            budget_min=40,
            budget_max=70,
            currency="EUR",
            estimated_hours=120,
            timezone="Europe/Berlin",
            min_overlap_hours=4,
            languages=("de", "en"),
            **WINTER,
        ),
        {137: 3, 81: 2, 78: 2, 139: 1, 83: 1, 171: 1, 136: 1, 172: 1, 80: 1},
    ),
    (
        # 24 hours on weekdays with ISO 27001: the Kraków hub staffs exactly that with
        # ServiceNow; Manila staffs it thinly; Dallas over budget; 10-12 hour desks cover
        # half the day. Desks without ISO 27001 are out.
        Scope(
            title="Follow-the-sun IT service desk for a global engineering firm",
            description="First-line IT support around the clock on weekdays for 1,200 staff "
            "in Europe, Asia and the Americas: tickets in ServiceNow, ITIL processes",
            skills=_skills("it-service-desk!", "servicenow", "itil"),
            budget_min=20,
            budget_max=45,
            currency="GBP",
            estimated_hours=4000,
            timezone="Europe/London",
            min_overlap_hours=2,
            languages=("en",),
            required_certifications=("ISO_27001",),
            data_sensitivity=Sensitivity.MEDIUM,
            coverage=Coverage.FOLLOW_THE_SUN,
            **WINTER,
        ),
        {105: 3, 108: 2, 152: 1, 104: 1, 106: 1, 169: 1},
    ),
    (
        # Confidential images, 200 hours a week: certified teams first (Vancouver in the
        # buyer's hours, Hyderabad around the clock, Hanoi without overlap); uncertified
        # Manila as a fallback; freelancers and three-person teams lack the hands.
        Scope(
            title="Image annotation for a driver-assistance dataset",
            description="Bounding boxes and polygons on 200,000 road images for a "
            "driver-assistance model; the images are confidential",
            skills=_skills("image-annotation!", "data-annotation"),
            budget_min=5,
            budget_max=40,
            currency="USD",
            estimated_hours=1600,
            timezone="America/Los_Angeles",
            min_overlap_hours=2,
            languages=("en",),
            data_sensitivity=Sensitivity.HIGH,
            **WINTER,
        ),
        {149: 3, 100: 2, 174: 1, 96: 1},
    ),
    (
        # Mountain time and replies within 8 hours: Denver first, the US agencies next;
        # European agencies overlap little; 20- and 52-hour repliers are out.
        Scope(
            title="Google Ads management for a Denver outdoor retailer",
            description="Run and optimise our Google Ads search and shopping campaigns with "
            "weekly reports and quick answers during sales",
            skills=_skills("google-ads!", "ppc"),
            budget_min=40,
            budget_max=80,
            currency="USD",
            estimated_hours=160,
            timezone="America/Denver",
            min_overlap_hours=4,
            max_response_hours=8,
            languages=("en",),
            **WINTER,
        ),
        {147: 3, 94: 2, 90: 2, 92: 1, 95: 1},
    ),
    (
        # 6pm to 2am Eastern: only desks staffed through the night overlap; within the
        # budget Manila, then Sofia; Lisbon is over it; a 3.1 rating is not wanted.
        Scope(
            title="Evening live chat for a US online store",
            description="Live chat and email for our online store's shoppers in the evenings, "
            "6pm to 2am Eastern: returns and order questions",
            skills=_skills("live-chat!", "customer-support!", "email-support"),
            budget_min=10,
            budget_max=25,
            currency="USD",
            estimated_hours=1200,
            timezone="America/New_York",
            work_start=time(18),
            work_end=time(2),
            min_overlap_hours=6,
            languages=("en",),
            **WINTER,
        ),
        {63: 3, 64: 2, 61: 1},
    ),
    (
        # Packaging under $60 an hour in US hours: the Brazilian freelancer fits both;
        # the US studios are over the budget (Austin also LIMITED), Kraków barely overlaps.
        Scope(
            title="Packaging design for a US craft brewery",
            description="Can and six-pack carton designs for three new beers, print-ready, "
            "under $60 an hour",
            skills=_skills("packaging-design!", "branding", "adobe-illustrator"),
            budget_min=30,
            budget_max=60,
            currency="USD",
            estimated_hours=80,
            timezone="America/Chicago",
            min_overlap_hours=3,
            languages=("en",),
            **WINTER,
        ),
        {89: 3, 168: 1, 86: 1, 85: 1, 143: 1},
    ),
]
