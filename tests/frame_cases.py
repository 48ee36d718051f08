"""Frames on real sentences: (sentence, value as written, expected slots).

Each expected slot is the slot's head word (lower case; what `FrameSlot.lemma`'s word is, as written), a
phrase the slot's text must contain, or None for "no such slot". Slots not named are not checked.

`DEV` holds the cases the frame rules were written against: the issue's examples (Ludian earthquake, German
and UK elections, US GDP, a measles outbreak) and sentences from the dev benchmark. `HELD_OUT` was labelled
by reading the answer-key quotes of five benchmark events (breach, layoffs, shipwreck, tour, sentencing)
before the frame code was run on them; it is scored, not tuned on (tests/test_frames.py reports the figure).
"""

DEV = [
    ("CDU won 208 seats, AfD — 151, SPD — 121.", "151", {"holder": "AfD"}),
    ("CDU won 208 seats, AfD — 151, SPD — 121.", "208", {"holder": "CDU", "counted": "seats"}),
    ("The SPD (120) came third.", "120", {"holder": "SPD"}),
    ("Consumer spending grew 1.4% in the second quarter.", "1.4%",
     {"counted": "Consumer spending", "time": "the second quarter"}),
    ("GDP shrank at a 0.5% annualized rate in the first quarter.", "0.5%", {"time": "the first quarter"}),
    ("Last year's 285 cases were the most since 2019.", "285", {"counted": "cases"}),
    ("Officials reported 80 cases in Gaines County.", "80", {"counted": "cases", "place": "Gaines County"}),
    ("At least 27 people, including three children, were killed in Kerr County.", "three",
     {"counted": "children", "part_of": "27 people", "place": "Kerr County"}),
    ("At least 27 people, including three children, were killed in Kerr County.", "At least 27",
     {"counted": "people", "predicate": "killed", "part_of": None}),
    ("Labour clinched 412 seats, claiming a 33.7% vote share.", "412",
     {"holder": "Labour", "counted": "seats", "predicate": "clinched"}),
    ("Labour clinched 412 seats, claiming a 33.7% vote share.", "33.7%", {"counted": "vote share"}),
    ("Meanwhile, the Conservatives lost 12 seats in Wales, leaving them with no MPs there.", "12",
     {"holder": "Conservatives", "counted": "seats", "place": "Wales"}),
    ("Two people survived and 179 were confirmed killed in a plane crash at Muan International Airport.", "179",
     {"predicate": "killed"}),
    ("The national fire agency confirmed the deaths of 179 people.", "179",
     {"counted": "people", "predicate": "deaths"}),
    ("The Jeju Air flight was carrying 175 passengers and 6 crew members.", "6",
     {"counted": "crew members", "predicate": "carrying"}),
    ("Among the dead, at least 84 were women and 82 were men.", "at least 84", {"counted": "women"}),
    ("Reddit priced its IPO at $34 a share.", "$34", {"holder": "Reddit", "predicate": "priced"}),
    ("Nearly 500 houses collapsed in Ludian County, where 12,000 households were evacuated.", "Nearly 500",
     {"counted": "houses", "place": "Ludian County"}),
    ("Nearly 500 houses collapsed in Ludian County, where 12,000 households were evacuated.", "12,000",
     {"counted": "households"}),
    ("The exit poll forecast 410 seats for Labour.", "410", {"modality": "forecast"}),
    ("Intel will cut 15,000 jobs.", "15,000", {"holder": "Intel", "counted": "jobs", "modality": "will"}),
    ("Jeju Air Crash Injures Over 1,800", "Over 1,800", {"predicate": "Injures", "position": "headline"}),
]

HELD_OUT = [
    ("The hackers leaked the sensitive personal information of 100 million people.", "100 million",
     {"counted": "people", "holder": None}),
    ("The attack ended up affecting roughly 190 million patients.", "roughly 190 million", {"counted": "patients"}),
    ("Change Healthcare, affected 190 million people.", "190 million",
     {"counted": "people", "holder": "Change Healthcare"}),
    ("The breach may have affected the data of about 190 million people.", "about 190 million",
     {"counted": "people", "modality": "may"}),
    ("Chipmaker Intel is to slash 15,000 jobs, about 12% of its workforce.", "15,000",
     {"counted": "jobs", "holder": "Intel"}),
    ("Intel has unveiled a plan to cut over 15% of its workforce.", "over 15%",
     {"counted": "workforce", "holder": "Intel", "modality": "plan"}),
    ("CEO Pat Gelsinger said those 15,000 jobs represent 15 percent of its global workforce.", "15 percent",
     {"counted": "global workforce"}),
    ("The number of jobs it plans to cut would be more than 18,500.", "more than 18,500",
     {"counted": "number of jobs", "modality": "plans"}),
    ("It was a shipwreck that killed at least 78 migrants.", "at least 78",
     {"counted": "migrants", "predicate": "killed"}),
    ("So far at least 79 people are dead or missing.", "at least 79", {"counted": "people"}),
    ("Officials said 78 bodies were recovered.", "78", {"counted": "bodies", "predicate": "recovered"}),
    ("So far, 78 bodies have been retrieved from the Pylos shipwreck.", "78",
     {"counted": "bodies", "predicate": "retrieved"}),
    ("The ship carrying migrants from Libya to Italy sank, killing 79.", "79", {"predicate": "killing"}),
    ("The tour ended with an estimated $2.2 billion earned.", "an estimated $2.2 billion",
     {"predicate": "earned", "modality": "estimated"}),
    ("The final figure is a gross of $2,077,618,725.", "$2,077,618,725", {"counted": "gross"}),
    ("Swift sold a whopping total of $2,077,618,725 in ticket sales.", "$2,077,618,725",
     {"counted": "total", "holder": "Swift"}),
    ("The tour grossed an unprecedented $2.08 billion through ticket sales.", "$2.08 billion",
     {"predicate": "grossed"}),
    ("The judge said the conduct warranted 50 months in prison.", "50 months",
     {"counted": "months", "predicate": "warranted"}),
    ("Combs was sentenced to 50 months in federal prison on October 3, 2025.", "50 months",
     {"counted": "months", "holder": "Combs", "time": "October 3, 2025"}),
    ("Three months ago, following a seven-week trial, Diddy was convicted on two counts.", "two",
     {"counted": "counts", "predicate": "convicted"}),
]
